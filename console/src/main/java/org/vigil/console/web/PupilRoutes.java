package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.pupils.ImportCounts;
import org.vigil.console.pupils.ImportProblem;
import org.vigil.console.pupils.ImportRefused;
import org.vigil.console.pupils.MisCsv;
import org.vigil.console.pupils.MisFile;
import org.vigil.console.pupils.PupilDirectory;
import org.vigil.console.schools.Schools;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.Pupil;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolScope;

/**
 * The Pupils page (DSL only, ADR 0151): search by any part of a name or login, the MIS CSV upload (size-limited,
 * refused whole with every bad line named), and linking a capture's stray login to a pupil. Per school (ADR 0205):
 * a search covers the user's schools, or the one {@code school=CODE} names; an upload or a link goes into one
 * school (the form's {@code school}, else the user's only school); another school's is an audited 403.
 */
public final class PupilRoutes {
    static final long MAX_UPLOAD_BYTES = 5L * 1024 * 1024;
    static final int SHOWN = 200;
    private static final Set<Role> DSL = EnumSet.of(Role.DSL);

    private final PupilDirectory directory;
    private final Schools schools;
    private final RequestScope requestScope;
    private final AuditLog audit;
    private final WebAuth auth;
    private final Templates templates;
    private final Flash flash;

    public PupilRoutes(PupilDirectory directory, Schools schools, RequestScope requestScope, AuditLog audit,
                       WebAuth auth, Templates templates, Flash flash) {
        this.directory = directory;
        this.schools = schools;
        this.requestScope = requestScope;
        this.audit = audit;
        this.auth = auth;
        this.templates = templates;
        this.flash = flash;
    }

    public void register(RoutesConfig routes) {
        routes.get("/pupils", auth.page(DSL, this::show));
        routes.post("/pupils/link", auth.form(DSL, this::link));
        Handler importForm = auth.form(DSL, this::importFile);
        routes.post("/pupils/import", ctx -> {
            // checked before anything reads the body: the CSRF check would otherwise parse an oversize upload
            if (ctx.contentLength() < 0 || ctx.contentLength() > MAX_UPLOAD_BYTES) {
                refuseSize(ctx);
            } else {
                importForm.handle(ctx);
            }
        });
    }

    private void show(Context ctx, Session session) {
        Optional<String> code = Params.nonBlank(ctx.queryParam("school"));
        Optional<SchoolScope> scope = requestScope.of(ctx, session, code.orElse(null));
        if (scope.isEmpty()) {
            return;
        }
        Optional<School> chosen = code.map(schools::byCode);
        Optional<String> query = Params.nonBlank(ctx.queryParam("q"));
        List<Pupil> found = query.map(q -> directory.search(scope.get(), q, SHOWN)).orElse(List.of());
        query.ifPresent(q -> audit.record(session.username(), "pupils.search",
                chosen.map(school -> "school:" + school.id()).orElse("pupils"), found.size() + " found"));
        render(ctx, session, query.orElse(""), found, query.isPresent(), flash.take(session), List.of(), chosen);
    }

    /**
     * The school an upload or a link is for: the form's {@code school} if it is the user's (else the audited 403 is
     * sent and the result is empty), or the user's only school.
     */
    private Optional<School> target(Context ctx, Session session) {
        Optional<String> code = Params.nonBlank(ctx.formParam("school"));
        if (requestScope.of(ctx, session, code.orElse(null)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(schools.chosen(code, session.scope()));
    }

    private void importFile(Context ctx, Session session) throws IOException {
        Optional<School> school = target(ctx, session);
        if (school.isEmpty()) {
            return;
        }
        UploadedFile upload = ctx.uploadedFile("file");
        if (upload == null) {
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, session, "", List.of(), false, Optional.of("Choose the CSV file exported from the MIS."),
                    List.of(), Optional.empty());
            return;
        }
        try {
            byte[] bytes;
            try (InputStream in = upload.content()) {
                bytes = in.readNBytes((int) MAX_UPLOAD_BYTES + 1);
            }
            ImportCounts counts = directory.importFull(session.username(), school.get().id(), PupilDirectory.CSV,
                    MisCsv.read(MisFile.decode(bytes)));
            boolean several = schools.listIn(session.scope()).size() > 1;
            flash.put(session, "Imported" + (several ? " into " + school.get().name() : "") + ": " + counts + ".");
            ctx.redirect("/pupils" + (several ? "?school=" + school.get().code() : ""), HttpStatus.SEE_OTHER);
        } catch (ImportRefused refused) {
            ctx.status(HttpStatus.BAD_REQUEST);
            render(ctx, session, "", List.of(), false, Optional.empty(), refused.problems(), school);
        }
    }

    private void link(Context ctx, Session session) {
        String back = Params.nonBlank(ctx.formParam("back")).filter(b -> b.matches("/captures/\\d+")).orElse("/pupils");
        Refusals.showOn(ctx, refused -> {
            flash.put(session, refused.getMessage());
            ctx.redirect(back, HttpStatus.SEE_OTHER);
        });
        Optional<School> school = target(ctx, session);
        if (school.isEmpty()) {
            return;
        }
        Pupil pupil = directory.link(session.username(), school.get().id(), ctx.formParam("login"),
                ctx.formParam("pupil"));
        flash.put(session, "Linked: captures of this login are now shown as " + pupil.fullName() + "'s.");
        ctx.redirect(back, HttpStatus.SEE_OTHER);
    }

    private void refuseSize(Context ctx) {
        ctx.status(HttpStatus.CONTENT_TOO_LARGE);
        PageHeader header = auth.session(ctx).map(session -> PageHeader.signedIn("Upload too large", session))
                .orElse(PageHeader.anonymous("Upload too large"));
        templates.render(ctx, "message.jte", new MessagePage(header, "Upload too large",
                "A pupil list may be at most " + MAX_UPLOAD_BYTES / (1024 * 1024) + " MB (and must say its length)."
                        + " Nothing changed."));
    }

    private void render(Context ctx, Session session, String query, List<Pupil> found, boolean searched,
                        Optional<String> notice, List<ImportProblem> problems, Optional<School> chosen) {
        templates.render(ctx, "pupils.jte", new PupilsPage(PageHeader.signedIn("Pupils", session), query, found,
                searched, notice, problems, MAX_UPLOAD_BYTES / (1024 * 1024), schools.listIn(session.scope()),
                chosen));
    }
}
