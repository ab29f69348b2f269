package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.alerts.escalation.CaptureViews;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.holds.LegalHolds;
import org.vigil.console.retention.CaptureDeletion;
import org.vigil.console.incidents.Incidents;
import org.vigil.console.pupils.PupilDirectory;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.Capture;
import org.vigil.console.store.CaseOutcome;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.IncidentRef;
import org.vigil.console.store.LegalHold;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolScope;
import org.vigil.console.store.ScreenshotRef;
import org.vigil.console.store.ScreenshotStore;
import org.vigil.console.store.UserRepository;
import org.vigil.console.store.CaptureStatus;
import org.vigil.console.triage.Triage;
import org.vigil.console.store.TriageRepository;
import org.vigil.console.proposals.CapturedMatch;
import org.vigil.console.proposals.ExceptionProposals;
import org.vigil.console.store.ProposalRepository;
import org.vigil.console.store.ProposedException;

/** One capture, its screenshot and the DSL's actions on it: DSL only, every view audited. */
public final class CaptureRoutes {
    private static final Set<Role> DSL = EnumSet.of(Role.DSL);
    private static final int OTHERS_SHOWN = 10;

    private final CaptureRepository captures;
    private final ScreenshotStore screenshots;
    private final TriageRepository store;
    private final Triage triage;
    private final UserRepository users;
    private final AuditLog audit;
    private final WebAuth auth;
    private final Templates templates;
    private final Flash flash;
    private final ExceptionProposals proposals;
    private final Incidents incidents;
    private final CaptureViews views;
    private final LegalHolds holds;
    private final CaptureDeletion deletion;
    private final PupilDirectory directory;
    private final SchoolRepository schools;
    private final OutOfScope outOfScope;

    public CaptureRoutes(CaptureRepository captures, ScreenshotStore screenshots, TriageRepository store, Triage triage,
                         UserRepository users, AuditLog audit, WebAuth auth, Templates templates, Flash flash,
                         ExceptionProposals proposals, Incidents incidents, CaptureViews views, LegalHolds holds,
                         CaptureDeletion deletion, PupilDirectory directory, SchoolRepository schools) {
        this.directory = directory;
        this.schools = schools;
        this.outOfScope = new OutOfScope(audit, auth);
        this.captures = captures;
        this.screenshots = screenshots;
        this.store = store;
        this.triage = triage;
        this.users = users;
        this.audit = audit;
        this.auth = auth;
        this.templates = templates;
        this.flash = flash;
        this.proposals = proposals;
        this.incidents = incidents;
        this.views = views;
        this.holds = holds;
        this.deletion = deletion;
    }

    public void register(RoutesConfig routes) {
        routes.get("/captures/{id}", auth.page(DSL, this::show));
        routes.get("/captures/{id}/screenshot", auth.page(DSL, this::screenshot));
        routes.post("/captures/{id}/status", auth.form(DSL, (ctx, s) -> act(ctx, s, this::changeStatus)));
        routes.post("/captures/{id}/close", auth.form(DSL, (ctx, s) -> act(ctx, s, this::close)));
        routes.post("/captures/{id}/assign", auth.form(DSL, (ctx, s) -> act(ctx, s, this::assign)));
        routes.post("/captures/{id}/notes", auth.form(DSL, (ctx, s) -> act(ctx, s, this::addNote)));
        routes.post("/captures/{id}/justification", auth.form(DSL, (ctx, s) -> act(ctx, s, this::justify)));
        routes.post("/captures/{id}/hold", auth.form(DSL, (ctx, s) -> act(ctx, s, this::placeHold)));
        routes.post("/captures/{id}/hold/lift", auth.form(DSL, (ctx, s) -> act(ctx, s, this::liftHold)));
        routes.post("/captures/{id}/delete", auth.form(DSL, (ctx, s) -> act(ctx, s, this::delete)));
        routes.post("/captures/{id}/delete/confirm", auth.form(DSL, (ctx, s) -> act(ctx, s, this::confirmDelete)));
    }

    /**
     * The capture if it is in the user's schools; otherwise the answer is sent (an audited 403 for another school's,
     * see {@link OutOfScope}, or "not found").
     */
    private Optional<Capture> inScope(Context ctx, Session session, Optional<Long> id) {
        Optional<Capture> found = id.flatMap(captureId -> captures.find(captureId, session.scope()));
        if (found.isEmpty() && (id.isEmpty() || !outOfScope.refused(ctx, session, "capture:" + id.get(),
                schools.schoolOfCapture(id.get())))) {
            notFound(ctx, session);
        }
        return found;
    }

    private void show(Context ctx, Session session) {
        Optional<Capture> found = inScope(ctx, session, Params.positive(ctx.pathParam("id")));
        if (found.isEmpty()) {
            return;
        }
        Capture capture = found.get();
        // the view's audit row and the mark that stops the capture's escalation, together
        views.viewed(session.username(), capture.id());
        CaptureStatus status = CaptureStatus.parse(capture.status()).orElse(CaptureStatus.NEW);
        Optional<Long> assignee = store.assigneeId(capture.id());
        Optional<IncidentRef> incident = incidents.incidentOf(capture.id());
        List<CapturePage.Assignee> assignees = users.listEnabledWithRole(Role.DSL.name()).stream()
                .map(u -> new CapturePage.Assignee(u.id(), u.username(), assignee.equals(Optional.of(u.id()))))
                .toList();
        CapturePage.Screenshot screenshot = capture.screenshot().isEmpty() ? CapturePage.Screenshot.NONE
                : triage.mayViewScreenshot(session, capture.id(), capture.category()) ? CapturePage.Screenshot.SHOWN
                : CapturePage.Screenshot.NEEDS_JUSTIFICATION;
        templates.render(ctx, "capture.jte", new CapturePage(
                PageHeader.signedIn("Capture " + capture.id(), session), toDetail(capture), status,
                List.copyOf(status.next()), assignees, store.notes(capture.id()),
                // the same login in another school is another pupil (ADR 0205)
                store.othersOfPupil(capture.osUser(), capture.id(), OTHERS_SHOWN,
                        new SchoolScope(Set.of(capture.schoolId()), false)), screenshot,
                flash.take(session), status.canMoveTo(CaptureStatus.FALSE_POSITIVE)
                        ? Optional.of(proposals.proposalFor(matchOf(capture))) : Optional.empty(),
                triage.closure(capture.id()), triage.justifications(capture.id()), incident,
                // incidents are still the whole console's (ConsoleWidePages)
                incident.isPresent() ? List.of() : incidents.open(session.scope()),
                holds.covering(capture.id()),
                deletion.pending(capture.id()), directory.forLogin(capture.schoolId(), capture.osUser()),
                schools.findById(capture.schoolId()).map(School::code)));
    }

    /** Sensitive screenshots are not sent at all, blurred or otherwise, until this viewer has justified it. */
    private void screenshot(Context ctx, Session session) {
        Optional<Capture> capture = inScope(ctx, session, Params.positive(ctx.pathParam("id")));
        if (capture.isEmpty()) {
            return;
        }
        Optional<ScreenshotRef> ref = capture.flatMap(Capture::screenshot);
        Optional<byte[]> bytes = ref.flatMap(r -> screenshots.get(r.sha256(), r.mediaType()));
        if (bytes.isEmpty()) {
            notFound(ctx, session);
            return;
        }
        if (!triage.mayViewScreenshot(session, capture.get().id(), capture.get().category())) {
            audit.record(session.username(), "access.denied", "capture:" + capture.get().id(),
                    "sensitive screenshot without a justification");
            auth.forbidden(ctx, session, "Record why you need to see this image on the capture's page first.");
            return;
        }
        audit.record(session.username(), "capture.screenshot.view", "capture:" + capture.get().id());
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(ref.get().mediaType());
        ctx.result(bytes.get());
    }

    /**
     * Changes the status; a false positive may carry the DSL's consent to propose an exception to IT, checked
     * (as possibly edited) before anything changes.
     */
    private void changeStatus(Context ctx, Session session, long id) {
        CaptureStatus target = CaptureStatus.parse(ctx.formParam("status"))
                .orElseThrow(() -> new InvalidRequest("Choose a status."));
        Optional<ProposedException> exception = Optional.empty();
        if (target == CaptureStatus.FALSE_POSITIVE && "on".equals(ctx.formParam("propose"))) {
            Capture capture = captures.find(id).orElseThrow(() -> new InvalidRequest("There is no such capture."));
            Refusals.showOn(ctx, refused -> done(ctx, session, id, "Nothing changed: " + refused.getMessage()));
            exception = Optional.of(proposals.check(matchOf(capture), ctx.formParam("phrase")));
            Refusals.showOn(ctx, refused -> done(ctx, session, id, refused.getMessage()));
        }
        triage.changeStatus(session, id, target, Params.nonBlank(ctx.formParam("reason")));
        String message = "Status is now " + target.label() + ".";
        if (exception.isPresent()) {
            ProposalRepository.Proposed proposed = proposals.propose(session.username(), id, exception.get());
            message += proposed.created()
                    ? " Exception \"" + exception.get().phrase() + "\" proposed to IT (#" + proposed.proposal().id()
                    + ")."
                    : " IT already has this exception as proposal #" + proposed.proposal().id() + " ("
                    + proposed.proposal().status().name().toLowerCase(Locale.ROOT) + ").";
        }
        done(ctx, session, id, message);
    }

    private void close(Context ctx, Session session, long id) {
        triage.close(session, id, CaseOutcome.parse(ctx.formParam("outcome")), ctx.formParam("escalated_to"));
        done(ctx, session, id, "Closed.");
    }

    private void assign(Context ctx, Session session, long id) {
        Optional<Long> userId = Params.positive(ctx.formParam("user"));
        triage.assign(session, id, userId);
        done(ctx, session, id, userId.isPresent() ? "Assigned." : "Unassigned.");
    }

    private void addNote(Context ctx, Session session, long id) {
        triage.addNote(session, id, ctx.formParam("note"));
        done(ctx, session, id, "Note added.");
    }

    private void justify(Context ctx, Session session, long id) {
        triage.justifyViewing(session, id, ctx.formParam("justification"));
        done(ctx, session, id, "Justification recorded; the screenshot is shown.");
    }

    /** A hold on this capture alone, or on every capture of its pupil. */
    private void placeHold(Context ctx, Session session, long id) {
        Capture capture = captures.find(id).orElseThrow(() -> new InvalidRequest("There is no such capture."));
        LegalHold.Scope scope = LegalHolds.scope(ctx.formParam("scope"));
        if (scope == LegalHold.Scope.INCIDENT) {
            throw new InvalidRequest("Hold an incident from its own page.");
        }
        long hold = holds.place(session.username(), scope,
                scope == LegalHold.Scope.PUPIL ? capture.osUser() : Long.toString(id), ctx.formParam("hold_reason"));
        done(ctx, session, id, "Legal hold " + hold + " placed: nothing it covers is purged or deleted until it is"
                + " lifted.");
    }

    private void liftHold(Context ctx, Session session, long id) {
        long hold = Params.positive(ctx.formParam("hold")).orElseThrow(() -> new InvalidRequest("Choose a hold."));
        holds.lift(session.username(), hold, ctx.formParam("lift_reason"));
        done(ctx, session, id, "Legal hold " + hold + " lifted.");
    }

    private void delete(Context ctx, Session session, long id) {
        if (deletion.delete(session.username(), id, ctx.formParam("deletion_reason")) == CaptureDeletion.Outcome.DELETED) {
            deleted(ctx, session, id);
        } else {
            done(ctx, session, id, "Deletion asked for: another DSL must confirm it (severity 4-5).");
        }
    }

    private void confirmDelete(Context ctx, Session session, long id) {
        deletion.confirm(session.username(), id);
        deleted(ctx, session, id);
    }

    private void deleted(Context ctx, Session session, long id) {
        flash.put(session, "Capture " + id + " was deleted; the audit log keeps who deleted it and why.");
        ctx.redirect("/captures", HttpStatus.SEE_OTHER);
    }

    private void act(Context ctx, Session session, CaptureAction action) throws Exception {
        Optional<Long> id = Params.positive(ctx.pathParam("id"));
        if (id.isEmpty()) {
            notFound(ctx, session);
            return;
        }
        // another school's capture is refused before anything is done; a missing one is the action's to report
        if (captures.find(id.get(), session.scope()).isEmpty()
                && outOfScope.refused(ctx, session, "capture:" + id.get(), schools.schoolOfCapture(id.get()))) {
            return;
        }
        Refusals.showOn(ctx, refused -> done(ctx, session, id.get(), refused.getMessage()));
        action.run(ctx, session, id.get());
    }

    private void done(Context ctx, Session session, long id, String message) {
        flash.put(session, message);
        ctx.redirect("/captures/" + id, HttpStatus.SEE_OTHER);
    }

    private void notFound(Context ctx, Session session) {
        ctx.status(HttpStatus.NOT_FOUND);
        templates.render(ctx, "message.jte", new MessagePage(PageHeader.signedIn("Not found", session),
                "Not found", "There is no such capture."));
    }

    private static CapturedMatch matchOf(Capture c) {
        return new CapturedMatch(c.category(), c.severity(), c.matchedText(), c.context(), c.matchStart(),
                c.matchEnd());
    }

    static CaptureDetail toDetail(Capture c) {
        String context = c.context();
        int end = Math.max(0, Math.min(c.matchEnd(), context.length()));
        int start = Math.max(0, Math.min(c.matchStart(), end));
        return new CaptureDetail(c.id(), DisplayTime.of(c.occurredAt()), DisplayTime.of(c.receivedAt()),
                c.severity(), c.category(), c.status(), c.osUser(), c.deviceHostname(), c.deviceId(),
                c.windowTitle(), c.app(), c.ruleId(), c.explanation(), c.matchedText(),
                context.substring(0, start), context.substring(start, end), context.substring(end),
                c.screenshot().isPresent(), c.screenshot().map(ScreenshotRef::width).orElse(0),
                c.screenshot().map(ScreenshotRef::height).orElse(0), c.eventId());
    }

    /** A DSL's action on one capture. */
    @FunctionalInterface
    private interface CaptureAction {
        void run(Context ctx, Session session, long captureId) throws Exception;
    }
}
