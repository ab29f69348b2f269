package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.incidents.Incidents;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.CaptureStatus;
import org.vigil.console.store.CaseOutcome;
import org.vigil.console.store.Incident;
import org.vigil.console.store.SchoolRepository;

/**
 * Incidents (DSL only): the list, one incident's page (every view audited) and the DSL's actions on it; linking
 * captures into a new or an open incident from the queue's selection or a capture's page.
 */
public final class IncidentRoutes {
    private static final Set<Role> DSL = EnumSet.of(Role.DSL);

    private final Incidents incidents;
    private final AuditLog audit;
    private final WebAuth auth;
    private final Templates templates;
    private final Flash flash;
    private final SchoolRepository schools;
    private final OutOfScope outOfScope;

    public IncidentRoutes(Incidents incidents, AuditLog audit, WebAuth auth, Templates templates, Flash flash,
                          SchoolRepository schools, OutOfScope outOfScope) {
        this.schools = schools;
        this.outOfScope = outOfScope;
        this.incidents = incidents;
        this.audit = audit;
        this.auth = auth;
        this.templates = templates;
        this.flash = flash;
    }

    public void register(RoutesConfig routes) {
        routes.get("/incidents", auth.page(DSL, this::list));
        routes.post("/incidents", auth.form(DSL, this::create));
        routes.post("/incidents/add", auth.form(DSL, this::add));
        routes.get("/incidents/{id}", auth.page(DSL, this::show));
        routes.post("/incidents/{id}/status", auth.form(DSL, (ctx, s) -> act(ctx, s, this::changeStatus)));
        routes.post("/incidents/{id}/close", auth.form(DSL, (ctx, s) -> act(ctx, s, this::close)));
        routes.post("/incidents/{id}/notes", auth.form(DSL, (ctx, s) -> act(ctx, s, this::addNote)));
    }

    private void list(Context ctx, Session session) {
        templates.render(ctx, "incidents.jte", new IncidentsPage(PageHeader.signedIn("Incidents", session),
                incidents.list(session.scope()), flash.take(session)));
    }

    private void show(Context ctx, Session session) {
        Optional<Incident> found = inScope(ctx, session);
        if (found.isEmpty()) {
            return;
        }
        Incident incident = found.get();
        audit.record(session.username(), "incident.view", "incident:" + incident.id());
        templates.render(ctx, "incident.jte", new IncidentPage(
                PageHeader.signedIn("Incident " + incident.id(), session), incident, incidents.members(incident.id()),
                incidents.notes(incident.id()), flash.take(session)));
    }

    /** From the queue's selection or a capture's page: refusals go back there, success to the new incident. */
    private void create(Context ctx, Session session) {
        String back = back(ctx);
        Refusals.showOn(ctx, refused -> redirect(ctx, session, back, refused.getMessage()));
        List<Long> ids = captureIds(ctx);
        if (refusedCaptures(ctx, session, ids)) {
            return;
        }
        long id = incidents.create(session, ctx.formParam("title"), ids);
        redirect(ctx, session, IncidentPage.href(id), "Incident " + id + " made with " + count(ids) + ".");
    }

    private void add(Context ctx, Session session) {
        String back = back(ctx);
        Refusals.showOn(ctx, refused -> redirect(ctx, session, back, refused.getMessage()));
        long id = Params.positive(ctx.formParam("incident"))
                .orElseThrow(() -> new InvalidRequest("Choose the incident to add to."));
        List<Long> ids = captureIds(ctx);
        if (refusedCaptures(ctx, session, ids) || incidents.find(id, session.scope()).isEmpty()
                && outOfScope.refused(ctx, session, "incident:" + id, incidents.schoolsOf(id))) {
            return;
        }
        incidents.add(session, id, ids);
        redirect(ctx, session, IncidentPage.href(id), count(ids) + " added to incident " + id + ".");
    }

    private void changeStatus(Context ctx, Session session, long id) {
        CaptureStatus target = CaptureStatus.parse(ctx.formParam("status"))
                .orElseThrow(() -> new InvalidRequest("Choose a status."));
        incidents.changeStatus(session, id, target, Params.nonBlank(ctx.formParam("reason")));
        redirect(ctx, session, IncidentPage.href(id), "Incident and its captures are now " + target.label() + ".");
    }

    private void close(Context ctx, Session session, long id) {
        incidents.close(session, id, CaseOutcome.parse(ctx.formParam("outcome")), ctx.formParam("escalated_to"));
        redirect(ctx, session, IncidentPage.href(id), "Incident and its captures are closed.");
    }

    private void addNote(Context ctx, Session session, long id) {
        incidents.addNote(session, id, ctx.formParam("note"));
        redirect(ctx, session, IncidentPage.href(id), "Note added.");
    }

    private void act(Context ctx, Session session, IncidentAction action) throws Exception {
        Optional<Incident> incident = inScope(ctx, session);
        if (incident.isEmpty()) {
            return;
        }
        long id = incident.get().id();
        Refusals.showOn(ctx, refused -> redirect(ctx, session, IncidentPage.href(id), refused.getMessage()));
        action.run(ctx, session, id);
    }

    /**
     * The incident of the path if the user's schools hold it; otherwise answers another school's (or, for a user of
     * fewer than every school, a missing one) with an audited 403, or "not found" (ADR 0176, 0197).
     */
    private Optional<Incident> inScope(Context ctx, Session session) {
        Optional<Long> id = Params.positive(ctx.pathParam("id"));
        Optional<Incident> found = id.flatMap(i -> incidents.find(i, session.scope()));
        if (found.isEmpty() && (id.isEmpty() || !outOfScope.refused(ctx, session, "incident:" + id.get(),
                incidents.schoolsOf(id.get())))) {
            notFound(ctx, session);
        }
        return found;
    }

    /** Ticked captures the user's schools do not hold refuse the whole link with an audited 403. */
    private boolean refusedCaptures(Context ctx, Session session, List<Long> ids) {
        List<Long> outside = incidents.outside(session.scope(), ids);
        return !outside.isEmpty() && outOfScope.refused(ctx, session, "captures:" + outside.stream()
                .map(String::valueOf).collect(Collectors.joining(",")), outside.stream()
                .map(schools::schoolOfCapture).flatMap(Optional::stream).collect(Collectors.toSet()));
    }

    private static List<Long> captureIds(Context ctx) {
        return ctx.formParams("capture").stream().map(Params::positive).flatMap(Optional::stream).toList();
    }

    /** Where a refused link goes back to: the queue view or capture page it came from, never elsewhere. */
    private static String back(Context ctx) {
        return Params.nonBlank(ctx.formParam("back")).filter(b -> b.startsWith("/captures?") || b.matches(
                "/captures/[0-9]{1,15}")).orElse("/captures?");
    }

    private static String count(List<Long> ids) {
        long n = ids.stream().distinct().count();
        return n + (n == 1 ? " capture" : " captures");
    }

    private void redirect(Context ctx, Session session, String to, String message) {
        flash.put(session, message);
        ctx.redirect(to, HttpStatus.SEE_OTHER);
    }

    private void notFound(Context ctx, Session session) {
        ctx.status(HttpStatus.NOT_FOUND);
        templates.render(ctx, "message.jte", new MessagePage(PageHeader.signedIn("Not found", session),
                "Not found", "There is no such incident."));
    }

    /** A DSL's action on one incident. */
    @FunctionalInterface
    private interface IncidentAction {
        void run(Context ctx, Session session, long incidentId) throws Exception;
    }
}
