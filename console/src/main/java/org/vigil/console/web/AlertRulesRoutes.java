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
import org.vigil.console.alerts.rules.RuleSets;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.School;
import org.vigil.console.web.SchoolChoice.Chosen;

/**
 * /alerts/rules: the alert rules, rota and school hours on one page, DSL only, the trust's or a school's (ADR 0204,
 * chosen by {@link SchoolChoice} from {@code ?school=CODE}: a school's DSL gets their school's; another school's is
 * an audited 403, reading or changing, and so is a rule or rota band of a school not the user's named by its id).
 * Each form changes one thing of the chosen owner through {@link AlertRulesEditor} (checked, audited in the
 * change's transaction); a refusal is shown on the page and nothing changes.
 */
public final class AlertRulesRoutes {
    static final String PATH = "/alerts/rules";
    private static final Set<Role> DSL = EnumSet.of(Role.DSL);

    private final SchoolAlerts alerts;
    private final Clock clock;
    private final SchoolChoice schools;
    private final OutOfScope outOfScope;
    private final WebAuth auth;
    private final Templates templates;
    private final Flash flash;

    public AlertRulesRoutes(SchoolAlerts alerts, Clock clock, SchoolChoice schools, OutOfScope outOfScope,
                            WebAuth auth, Templates templates, Flash flash) {
        this.alerts = alerts;
        this.clock = clock;
        this.schools = schools;
        this.outOfScope = outOfScope;
        this.auth = auth;
        this.templates = templates;
        this.flash = flash;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, auth.page(DSL, (ctx, s) -> schools.of(ctx, s).ifPresent(chosen ->
                render(ctx, s, chosen, Optional.empty(), flash.take(s)))));
        routes.post(PATH, auth.form(DSL, (ctx, s) -> change(ctx, s, chosen -> {
            long id = editor().addRule(s.username(), chosen.school(), draft(ctx));
            return "Rule added (#" + id + ").";
        })));
        routes.post(PATH + "/{id}", auth.form(DSL, (ctx, s) -> change(ctx, s, chosen -> {
            editor().changeRule(s.username(), chosen.school(), id(ctx), draft(ctx));
            return "Rule changed.";
        }, sets -> sets.ownerOfRule(id(ctx)), "alert-rule:")));
        routes.post(PATH + "/{id}/delete", auth.form(DSL, (ctx, s) -> change(ctx, s, chosen -> {
            editor().deleteRule(s.username(), chosen.school(), id(ctx));
            return "Rule deleted.";
        }, sets -> sets.ownerOfRule(id(ctx)), "alert-rule:")));
        routes.post("/alerts/rota", auth.form(DSL, (ctx, s) -> change(ctx, s, chosen -> {
            long user = Params.positive(ctx.formParam("user"))
                    .orElseThrow(() -> new InvalidRequest("Choose a DSL to put on the rota."));
            int added = editor().addRota(s.username(), chosen.school(), days(ctx), ctx.formParam("starts"),
                    ctx.formParam("ends"), ctx.formParam("position"), user).size();
            return "Added to the rota on " + added + (added == 1 ? " day." : " days.");
        })));
        routes.post("/alerts/rota/{id}/delete", auth.form(DSL, (ctx, s) -> change(ctx, s, chosen -> {
            editor().deleteRota(s.username(), chosen.school(), id(ctx));
            return "Removed from the rota.";
        }, sets -> sets.ownerOfRota(id(ctx)), "rota:")));
        routes.post("/alerts/hours", auth.form(DSL, (ctx, s) -> change(ctx, s, chosen -> {
            editor().setSchoolHours(s.username(), chosen.school(), ctx.formParam("starts"), ctx.formParam("ends"));
            return "School hours saved.";
        })));
        routes.post("/alerts/hours/inherit", auth.form(DSL, (ctx, s) -> change(ctx, s, chosen -> {
            School school = chosen.school().orElseThrow(() -> new InvalidRequest(
                    "The trust's school hours have nothing to follow: choose a school."));
            return editor().inheritSchoolHours(s.username(), school) ? "Now the trust's school hours."
                    : "Nothing changed.";
        })));
    }

    private interface Change {
        String make(Chosen chosen);
    }

    /** Whose rule or band an id is: empty when there is none, else its school (empty inside: the trust's). */
    private interface Owner {
        Optional<Optional<Long>> of(RuleSets sets);
    }

    private void change(Context ctx, Session session, Change change) {
        change(ctx, session, change, sets -> Optional.empty(), "");
    }

    private void change(Context ctx, Session session, Change change, Owner owner, String target) {
        schools.of(ctx, session).ifPresent(chosen -> {
            Refusals.showOn(ctx, refused -> render(ctx, session, chosen, Optional.of(refused.getMessage()),
                    Optional.empty()));
            Optional<Long> school = owner.of(alerts.books().sets()).flatMap(o -> o)
                    .filter(id -> !session.scope().includes(id));
            if (school.isPresent() && outOfScope.refused(ctx, session, target + ctx.pathParam("id"), school)) {
                return;
            }
            flash.put(session, change.make(chosen));
            ctx.redirect(PATH + chosen.query(), HttpStatus.SEE_OTHER);
        });
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

    private void render(Context ctx, Session session, Chosen chosen, Optional<String> error,
                        Optional<String> notice) {
        ctx.header("Cache-Control", "no-store");
        String title = chosen.school().map(s -> "Alert rules: " + s.name()).orElse("Alert rules");
        templates.render(ctx, "alertrules.jte", AlertRulesPage.of(PageHeader.signedIn(title, session), chosen,
                alerts.books(), List.copyOf(editor().emailableDsls(chosen.school()).values()),
                editor().emailableDsls(), clock.instant(), error, notice));
    }
}
