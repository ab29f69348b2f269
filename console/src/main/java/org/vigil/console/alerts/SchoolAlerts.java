package org.vigil.console.alerts;

import java.time.Clock;
import org.vigil.console.alerts.escalation.CaptureViews;
import org.vigil.console.alerts.rules.AlertRecipients;
import org.vigil.console.alerts.rules.AlertRulesEditor;
import org.vigil.console.alerts.rules.RuleBooks;
import org.vigil.console.alerts.rules.SchoolAlertRules;
import org.vigil.console.settings.Settings;
import org.vigil.console.store.AlertRepository;
import org.vigil.console.store.AlertRulesRepository;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.CaptureOpenings;
import org.vigil.console.store.Database;
import org.vigil.console.store.DigestCaptures;
import org.vigil.console.store.SchoolRepository;

/**
 * The school's alerting beyond the outbox (ADR 0104): its rules and rota ({@code books}, changed only through the
 * {@code editor}), whom they name, and what the digest and escalation read: captures by when they were stored, and
 * whether a DSL has opened one ({@code views} marks it with the view's audit row).
 */
public record SchoolAlerts(RuleBooks books, AlertRecipients recipients, AlertRulesEditor editor,
                           CaptureOpenings openings, DigestCaptures digestCaptures, CaptureViews views) {

    public static SchoolAlerts over(Database database, AlertRepository alerts, Settings settings, AuditLog audit,
                                    Clock clock) {
        AlertRulesRepository store = new AlertRulesRepository(database);
        RuleBooks books = new RuleBooks(store, settings);
        AlertRecipients recipients = new AlertRecipients(alerts, new SchoolRepository(database, clock));
        CaptureOpenings openings = new CaptureOpenings(database, clock);
        return new SchoolAlerts(books, recipients, new AlertRulesEditor(store, books, recipients, audit, database),
                openings, new DigestCaptures(database), new CaptureViews(audit, openings, database));
    }

    /** The rules the outbox asks about each new capture. */
    public AlertRules rules(Clock clock) {
        return new SchoolAlertRules(books, recipients, recipients::schoolOfDevice, clock);
    }
}
