package org.vigil.console.retention;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.vigil.console.settings.Setting;
import org.vigil.console.store.PurgeRule;

/** How long the school keeps what (ADR 0142), read from its settings; the cutoffs before which things are due. */
public record RetentionPolicy(int falsePositiveDays, int noFurtherActionDays, int closedMonthsAfterExport,
                              int screenshotDays, int auditMonths) {

    public static RetentionPolicy from(Map<Setting, String> settings) {
        return new RetentionPolicy(number(settings, Setting.RETENTION_FALSE_POSITIVE_DAYS),
                number(settings, Setting.RETENTION_NO_FURTHER_ACTION_DAYS),
                number(settings, Setting.RETENTION_CLOSED_MONTHS_AFTER_EXPORT),
                number(settings, Setting.RETENTION_SCREENSHOT_DAYS), number(settings, Setting.RETENTION_AUDIT_MONTHS));
    }

    /** Captures the rule covers are due when their decision (or export) is older than this. */
    public Instant cutoff(PurgeRule rule, Instant now) {
        return switch (rule) {
            case FALSE_POSITIVE -> daysBefore(now, falsePositiveDays);
            case NO_FURTHER_ACTION -> daysBefore(now, noFurtherActionDays);
            case CLOSED_AFTER_EXPORT -> monthsBefore(now, closedMonthsAfterExport);
        };
    }

    public Instant screenshotCutoff(Instant now) {
        return daysBefore(now, screenshotDays);
    }

    public Instant auditCutoff(Instant now) {
        return monthsBefore(now, auditMonths);
    }

    /** The rule in words with its period, for tombstones and the command's output. */
    public String describe(PurgeRule rule) {
        return switch (rule) {
            case FALSE_POSITIVE -> rule.label() + " after " + falsePositiveDays + " days";
            case NO_FURTHER_ACTION -> rule.label() + " after " + noFurtherActionDays + " days";
            case CLOSED_AFTER_EXPORT -> rule.label() + ", " + closedMonthsAfterExport + " months after the export";
        };
    }

    private static Instant daysBefore(Instant now, int days) {
        return now.atOffset(ZoneOffset.UTC).minusDays(days).toInstant();
    }

    private static Instant monthsBefore(Instant now, int months) {
        return now.atOffset(ZoneOffset.UTC).minusMonths(months).toInstant();
    }

    private static int number(Map<Setting, String> settings, Setting setting) {
        return Integer.parseInt(settings.getOrDefault(setting, setting.defaultValue()));
    }
}
