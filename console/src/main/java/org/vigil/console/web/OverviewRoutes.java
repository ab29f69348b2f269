package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.vigil.console.alerts.UndeliveredAlerts;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.store.TriageRepository;

/** Aggregate figures for everyone signed in (heads and governors see only this): counts, never content. */
public final class OverviewRoutes {
    private final TriageRepository store;
    private final UndeliveredAlerts undelivered;
    private final WebAuth auth;
    private final Templates templates;
    private final Clock clock;

    public OverviewRoutes(TriageRepository store, UndeliveredAlerts undelivered, WebAuth auth, Templates templates,
                          Clock clock) {
        this.store = store;
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
        Instant since = TriageRepository.startOfWeek(TriageRepository.weekOf(
                now.minus(Duration.ofDays(7L * (HistoryRoutes.WEEKS - 1)))));
        // the DSL is who the alerts are for, IT who fixes the mail server; viewers see figures only
        List<UndeliveredAlerts.Summary> alerts = session.role() == Role.VIEWER
                ? List.of() : undelivered.summaries();
        templates.render(ctx, "overview.jte", new OverviewPage(PageHeader.signedIn("Overview", session),
                WeeklyGrid.of(store.weeklyCounts(since), now, HistoryRoutes.WEEKS),
                alerts.stream().map(summary -> new AlertsWaiting(summary.channel(), summary.count(),
                        RelativeTime.since(summary.oldest(), now), summary.reason())).toList()));
    }

    /** The overview: captures per category per week, and alerts not yet delivered (with why), per channel. */
    public record OverviewPage(PageHeader header, WeeklyGrid grid, List<AlertsWaiting> alertsWaiting) {
    }

    /** A channel's alerts not delivered yet: how many, since when (relative), and the last error or the cause. */
    public record AlertsWaiting(String channel, long count, String since, String reason) {
    }
}
