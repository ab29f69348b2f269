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
import org.vigil.console.reports.Reports;
import org.vigil.console.request.InvalidRequest;

/**
 * Aggregate figures for everyone signed in: concerns per category and week (or month) over a date range (this term
 * unless the reader chooses), false positives apart and never counted as concerns; small counts hidden from all but
 * the DSL. Never content.
 */
public final class OverviewRoutes {
    private final Reports reports;
    private final UndeliveredAlerts undelivered;
    private final WebAuth auth;
    private final Templates templates;
    private final Clock clock;

    public OverviewRoutes(Reports reports, UndeliveredAlerts undelivered, WebAuth auth, Templates templates,
                          Clock clock) {
        this.reports = reports;
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
        Refusals.showOn(ctx, refused -> templates.render(ctx, "overview.jte", new OverviewPage(header, form,
                Optional.of(refused.getMessage()), Optional.empty(), form.query(), alerts)));
        ReportRange range = reports.range(form.range(), form.from(), form.to());
        Granularity granularity = form.by().isBlank() ? Granularity.suitedTo(range)
                : Granularity.parse(form.by()).orElseThrow(() -> new InvalidRequest(
                        "Split the counts per week or per month (not \"" + form.by() + "\")"));
        ReportFigures figures = reports.figures(range, granularity, session.role());
        templates.render(ctx, "overview.jte", new OverviewPage(header,
                new ReportForm(range.key(), range.from().toString(), range.to().toString(), granularity.param()),
                Optional.empty(), Optional.of(figures), form.query(), alerts));
    }

    /** The overview: the range asked for, its concerns per category and period, and alerts not yet delivered. */
    public record OverviewPage(PageHeader header, ReportForm form, Optional<String> refusal,
                               Optional<ReportFigures> figures, String query, List<AlertsWaiting> alertsWaiting) {
    }

    /** A channel's alerts not delivered yet: how many, since when (relative), and the last error or the cause. */
    public record AlertsWaiting(String channel, long count, String since, String reason) {
    }
}
