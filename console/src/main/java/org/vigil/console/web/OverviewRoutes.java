package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.vigil.console.alerts.UndeliveredAlerts;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.reports.Granularity;
import org.vigil.console.reports.ReportFigures;
import org.vigil.console.reports.ReportRange;
import org.vigil.console.reports.ReportedSchools;
import org.vigil.console.reports.Reports;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.School;

/**
 * Aggregate figures for everyone signed in: concerns per category and week (or month) over a date range (this term
 * unless the reader chooses), false positives apart and never counted as concerns; small counts hidden from all but
 * the DSL. Never content. Of the reader's schools, or the one they choose (ADR 0195).
 */
public final class OverviewRoutes {
    private final Reports reports;
    private final ReportScope scope;
    private final UndeliveredAlerts undelivered;
    private final WebAuth auth;
    private final Templates templates;
    private final Clock clock;

    public OverviewRoutes(Reports reports, ReportScope scope, UndeliveredAlerts undelivered, WebAuth auth,
                          Templates templates, Clock clock) {
        this.reports = reports;
        this.scope = scope;
        this.undelivered = undelivered;
        this.auth = auth;
        this.templates = templates;
        this.clock = clock;
    }

    public void register(RoutesConfig routes) {
        routes.get("/overview", auth.page(EnumSet.allOf(Role.class), this::show));
    }

    private void show(Context ctx, Session session) {
        Instant now = clock.instant();
        // the DSL is who the alerts are for, IT who fixes the mail server; viewers see figures only
        List<AlertsWaiting> alerts = (session.role() == Role.VIEWER ? List.<UndeliveredAlerts.Summary>of()
                : undelivered.summaries()).stream().map(summary -> new AlertsWaiting(summary.channel(),
                summary.count(), RelativeTime.since(summary.oldest(), now), summary.reason())).toList();
        ReportForm form = ReportForm.from(ctx);
        PageHeader header = PageHeader.signedIn("Overview", session);
        List<School> choices = scope.choices(session);
        Refusals.showOn(ctx, refused -> templates.render(ctx, "overview.jte", new OverviewPage(header, form, choices,
                Optional.of(refused.getMessage()), Optional.empty(), "", form.query(), alerts)));
        ReportRange range = reports.range(form.range(), form.from(), form.to());
        Granularity granularity = form.by().isBlank() ? Granularity.suitedTo(range)
                : Granularity.parse(form.by()).orElseThrow(() -> new InvalidRequest(
                        "Split the counts per week or per month (not \"" + form.by() + "\")"));
        Optional<ReportedSchools> schools = scope.of(ctx, session, form.school());
        if (schools.isEmpty()) {
            return;
        }
        ReportFigures figures = reports.figures(range, granularity, session.role(), schools.get());
        templates.render(ctx, "overview.jte", new OverviewPage(header,
                new ReportForm(range.key(), range.from().toString(), range.to().toString(), granularity.param(),
                        form.school()), choices, Optional.empty(), Optional.of(figures),
                choices.isEmpty() ? "" : schools.get().name(), form.query(), alerts));
    }

    /**
     * The overview: the range asked for, the reader's schools to choose from (if several) and the schools shown
     * ("" when there is no choice), its concerns per category and period, and alerts not yet delivered.
     */
    public record OverviewPage(PageHeader header, ReportForm form, List<School> schools, Optional<String> refusal,
                               Optional<ReportFigures> figures, String covers, String query,
                               List<AlertsWaiting> alertsWaiting) {
    }

    /** A channel's alerts not delivered yet: how many, since when (relative), and the last error or the cause. */
    public record AlertsWaiting(String channel, long count, String since, String reason) {
    }
}
