package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Optional;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.export.CaseExport;
import org.vigil.console.incidents.Incidents;
import org.vigil.console.store.Capture;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.triage.Triage;

/**
 * {@code /captures/{id}/export.pdf} and {@code /incidents/{id}/export.pdf}: a capture or an incident as a PDF for the school's case-management system (DSL only,
 * audited). The screenshot goes in only where this DSL may see it on the page.
 */
public final class CaseExportRoutes {
    private final CaseExport export;
    private final CaptureRepository captures;
    private final Triage triage;
    private final WebAuth auth;
    private final SchoolRepository schools;
    private final OutOfScope outOfScope;
    private final Incidents incidents;

    public CaseExportRoutes(CaseExport export, CaptureRepository captures, Triage triage, WebAuth auth,
                            SchoolRepository schools, OutOfScope outOfScope, Incidents incidents) {
        this.incidents = incidents;
        this.schools = schools;
        this.outOfScope = outOfScope;
        this.export = export;
        this.captures = captures;
        this.triage = triage;
        this.auth = auth;
    }

    public void register(RoutesConfig routes) {
        routes.get("/captures/{id}/export.pdf", auth.page(EnumSet.of(Role.DSL), this::pdf));
        routes.get("/incidents/{id}/export.pdf", auth.page(EnumSet.of(Role.DSL), this::incidentPdf));
    }

    /** Every capture of the incident; each screenshot only where this DSL may see it on the capture's page. */
    private void incidentPdf(Context ctx, Session session) throws IOException {
        Optional<Long> id = Params.positive(ctx.pathParam("id"));
        if (id.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).result("There is no such incident.");
            return;
        }
        if (incidents.find(id.get(), session.scope()).isEmpty() && outOfScope.refused(ctx, session, "incident:"
                + id.get(), incidents.schoolsOf(id.get()))) {
            return;
        }
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        export.incident(session.username(), id.get(), captureId -> captures.find(captureId)
                .map(c -> triage.mayViewScreenshot(session, captureId, c.category())).orElse(false), pdf);
        send(ctx, pdf, "vigil-incident-" + id.get() + ".pdf");
    }

    private void pdf(Context ctx, Session session) throws IOException {
        Optional<Long> requested = Params.positive(ctx.pathParam("id"));
        Optional<Capture> capture = requested.flatMap(id -> captures.find(id, session.scope()));
        if (capture.isEmpty() && requested.isPresent() && outOfScope.refused(ctx, session, "capture:"
                + requested.get(), schools.schoolOfCapture(requested.get()))) {
            return;
        }
        if (capture.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).result("There is no such capture.");
            return;
        }
        long id = capture.get().id();
        // built whole before sending, so a failure is an error page rather than half a PDF
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        export.capture(session.username(), id, triage.mayViewScreenshot(session, id, capture.get().category()), pdf);
        send(ctx, pdf, "vigil-capture-" + id + ".pdf");
    }

    private static void send(Context ctx, ByteArrayOutputStream pdf, String filename) {
        ctx.contentType("application/pdf");
        ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        ctx.header("Cache-Control", "no-store");
        ctx.result(pdf.toByteArray());
    }
}
