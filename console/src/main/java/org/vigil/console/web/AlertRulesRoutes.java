package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.alerts.SchoolAlerts;
import org.vigil.console.alerts.rules.AlertRulesEditor;
import org.vigil.console.alerts.rules.RuleDraft;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.request.InvalidRequest;

/**
 * /alerts/rules: the school's alert rules, rota and school hours on one page, DSL only. Each form changes one thing
 * through {@link AlertRulesEditor} (checked, audited in the change's transaction); a refusal is shown on the page
 * and nothing changes.
 */
public final class AlertRulesRoutes {
    static final String PATH = "/alerts/rules";
    private static final Set<Role> DSL = EnumSet.of(Role.DSL);

    private final SchoolAlerts alerts;
    private final Clock clock;
    private final WebAuth auth;
    private final Templates templates;
    private final Flash flash;

    public AlertRulesRoutes(SchoolAlerts alerts, Clock clock, WebAuth auth, Templates templates, Flash flash) {
        this.alerts = alerts;
        this.clock = clock;
        this.auth = auth;
        this.templates = templates;
        this.flash = flash;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, auth.page(DSL, (ctx, s) -> render(ctx, s, Optional.empty(), flash.take(s))));
        routes.post(PATH, auth.form(DSL, (ctx, s) -> change(ctx, s, () -> {
            long id = editor().addRule(s.username(), draft(ctx));
            return "Rule added (#" + id + ").";
        })));
        routes.post(PATH + "/{id}", auth.form(DSL, (ctx, s) -> change(ctx, s, () -> {
            editor().changeRule(s.username(), id(ctx), draft(ctx));
            return "Rule changed.";
        })));
        routes.post(PATH + "/{id}/delete", auth.form(DSL, (ctx, s) -> change(ctx, s, () -> {
            editor().deleteRule(s.username(), id(ctx));
            return "Rule deleted.";
        })));
        routes.post("/alerts/rota", auth.form(DSL, (ctx, s) -> change(ctx, s, () -> {
            long user = Params.positive(ctx.formParam("user"))
                    .orElseThrow(() -> new InvalidRequest("Choose a DSL to put on the rota."));
            int added = editor().addRota(s.username(), days(ctx), ctx.formParam("starts"), ctx.formParam("ends"),
                    ctx.formParam("position"), user).size();
            return "Added to the rota on " + added + (added == 1 ? " day." : " days.");
        })));
        routes.post("/alerts/rota/{id}/delete", auth.form(DSL, (ctx, s) -> change(ctx, s, () -> {
            editor().deleteRota(s.username(), id(ctx));
            return "Removed from the rota.";
        })));
        routes.post("/alerts/hours", auth.form(DSL, (ctx, s) -> change(ctx, s, () -> {
            editor().setSchoolHours(s.username(), ctx.formParam("starts"), ctx.formParam("ends"));
            return "School hours saved.";
        })));
    }

    private interface Change {
        String make();
    }

    private void change(Context ctx, Session session, Change change) {
        Refusals.showOn(ctx, refused -> render(ctx, session, Optional.of(refused.getMessage()), Optional.empty()));
        flash.put(session, change.make());
        ctx.redirect(PATH, HttpStatus.SEE_OTHER);
    }

    private AlertRulesEditor editor() {
        return alerts.editor();
    }

    private static long id(Context ctx) {
        return Params.positive(ctx.pathParam("id")).orElseThrow(() -> new InvalidRequest("There is no such entry."));
    }

    private static RuleDraft draft(Context ctx) {
        return new RuleDraft(ctx.formParam("position"), ctx.formParam("min_severity"), ctx.formParam("max_severity"),
                ctx.formParam("category"), ctx.formParam("hours"), ctx.formParam("action"),
                ctx.formParam("recipients"), ctx.formParams("named"), "on".equals(ctx.formParam("webhook")));
    }

    private static Set<DayOfWeek> days(Context ctx) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String day : ctx.formParams("day")) {
            try {
                days.add(DayOfWeek.valueOf(day));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequest("\"" + day + "\" is not a day of the week.");
            }
        }
        return days;
    }

    private void render(Context ctx, Session session, Optional<String> error, Optional<String> notice) {
        ctx.header("Cache-Control", "no-store");
        templates.render(ctx, "alertrules.jte", AlertRulesPage.of(PageHeader.signedIn("Alert rules", session),
                alerts.books().current(), List.copyOf(editor().emailableDsls().values()), clock.instant(), error,
                notice));
    }
}
