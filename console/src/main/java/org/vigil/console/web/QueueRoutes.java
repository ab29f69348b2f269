package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.csv.Csv;
import org.vigil.console.incidents.Incidents;
import org.vigil.console.pupils.PupilDirectory;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.DirectoryPupil;
import org.vigil.console.store.Pupil;
import org.vigil.console.store.QueueCursor;
import org.vigil.console.store.QueueFilter;
import org.vigil.console.store.QueueItem;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.SchoolScope;
import org.vigil.console.triage.MissingReasons;
import org.vigil.console.triage.Triage;
import org.vigil.console.store.TriageRepository;

/**
 * The triage queue (DSL only): filtered, keyset-paged, with the bulk false-positive action (linking the selection
 * into an incident is {@link IncidentRoutes}').
 */
public final class QueueRoutes {
    static final int PAGE_SIZE = 50;
    static final int EXPORT_PAGE = 250;

    private final TriageRepository store;
    private final Triage triage;
    private final WebAuth auth;
    private final Templates templates;
    private final Flash flash;
    private final Incidents incidents;
    private final AuditLog audit;
    private final PupilDirectory directory;
    private final SchoolRepository schools;
    private final OutOfScope outOfScope;
    private final RequestScope requestScope;

    public QueueRoutes(TriageRepository store, Triage triage, WebAuth auth, Templates templates, Flash flash,
                       Incidents incidents, AuditLog audit, PupilDirectory directory, SchoolRepository schools,
                       OutOfScope outOfScope) {
        this.schools = schools;
        this.outOfScope = outOfScope;
        this.requestScope = new RequestScope(schools, outOfScope);
        this.store = store;
        this.directory = directory;
        this.audit = audit;
        this.triage = triage;
        this.incidents = incidents;
        this.auth = auth;
        this.templates = templates;
        this.flash = flash;
    }

    public void register(RoutesConfig routes) {
        routes.get("/captures", auth.page(EnumSet.of(Role.DSL), this::list));
        routes.post("/captures/bulk", auth.form(EnumSet.of(Role.DSL), this::bulk));
        routes.get("/captures.csv", auth.page(EnumSet.of(Role.DSL), this::export));
    }

    /**
     * Every capture the filter selects as CSV, read page by page; cells a pupil typed are defused against
     * spreadsheet formulas ({@link Csv}). The export, with its filter and count, is audited.
     */
    private void export(Context ctx, Session session) throws IOException {
        QueueFilterForm form = QueueFilterForm.from(ctx);
        QueueFilter filter = form.toFilter(session.userId());
        Optional<SchoolScope> scope = requestScope.of(ctx, session, form.school());
        if (scope.isEmpty()) {
            return;
        }
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"vigil-captures.csv\"");
        ctx.header("Cache-Control", "no-store");
        int rows = 0;
        boolean complete = false;
        try (Writer out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8)) {
            out.write(Csv.row(List.of("id", "occurred_at", "severity", "category", "pupil", "given_name",
                    "family_name", "year_group", "form", "device", "device_id", "matched_text", "status",
                    "assigned_to")));
            Optional<QueueCursor> after = Optional.empty();
            for (List<QueueItem> page = store.queue(filter, after, EXPORT_PAGE, scope.get()); !page.isEmpty();
                 page = store.queue(filter, after, EXPORT_PAGE, scope.get())) {
                for (QueueItem item : page) {
                    Optional<DirectoryPupil> who = item.directoryPupil().map(Pupil::details);
                    out.write(Csv.row(List.of(Long.toString(item.id()), item.occurredAt().toString(),
                            Integer.toString(item.severity()), item.category(), item.pupil(),
                            who.map(DirectoryPupil::givenName).orElse(""), who.map(DirectoryPupil::familyName).orElse(""),
                            who.map(DirectoryPupil::yearGroup).orElse(""), who.map(DirectoryPupil::form).orElse(""),
                            item.deviceHostname(), item.deviceId(), item.matchedText(), item.status().label(),
                            item.assignee().orElse(""))));
                    rows++;
                }
                after = Optional.of(page.get(page.size() - 1).cursor());
            }
            complete = true;
        } finally {
            audit.record(session.username(), "captures.export", "captures.csv", rows + " captures"
                    + (complete ? "" : " before the download broke off")
                    + (form.query().isEmpty() ? "" : ", filter " + form.query()));
        }
    }

    private void list(Context ctx, Session session) {
        QueueFilterForm form = QueueFilterForm.from(ctx);
        Optional<QueueCursor> after = QueueCursor.parse(ctx.queryParam("after"));
        // read before the page's captures: one stored in between is then in both, and the page shows it once
        long liveSince = store.latestCaptureId();
        Refusals.showOn(ctx, refused -> render(ctx, session, form, List.of(), Optional.empty(), true,
                refused.getMessage(), liveSince));
        QueueFilter filter = form.toFilter(session.userId());
        Optional<SchoolScope> scope = requestScope.of(ctx, session, form.school());
        if (scope.isEmpty()) {
            return;
        }
        List<QueueItem> items = store.queue(filter, after, PAGE_SIZE + 1, scope.get());
        Optional<String> next = Optional.empty();
        if (items.size() > PAGE_SIZE) {
            items = items.subList(0, PAGE_SIZE);
            next = Optional.of(form.href() + "&after=" + items.get(PAGE_SIZE - 1).cursor().encode());
        }
        render(ctx, session, form, items, next, after.isEmpty(), flash.take(session).orElse(null), liveSince);
    }

    private void render(Context ctx, Session session, QueueFilterForm form, List<QueueItem> items,
                        Optional<String> next, boolean first, String message, long liveSince) {
        templates.render(ctx, "queue.jte", new QueuePage(PageHeader.signedIn("Triage queue", session), form, items,
                next, first, message, liveSince, incidents.open(session.scope()),
                directory.yearGroups(session.scope()), directory.forms(session.scope())));
    }

    /**
     * Bulk false positive. Severity 4-5 captures need a reason each (fields {@code reason-ID}): without them the
     * confirmation step lists the ticked captures with a reason field for each such row, and nothing changes.
     */
    private void bulk(Context ctx, Session session) {
        List<Long> ids = ctx.formParams("capture").stream()
                .map(Params::positive)
                .flatMap(Optional::stream)
                .distinct()
                .toList();
        Map<Long, String> reasons = new LinkedHashMap<>();
        ids.forEach(id -> Optional.ofNullable(ctx.formParam("reason-" + id)).ifPresent(r -> reasons.put(id, r)));
        String back = Params.nonBlank(ctx.formParam("back")).filter(b -> b.startsWith("/captures?")).orElse("/captures?");
        // ticked captures of another school refuse the whole action, before anything changes
        Set<Long> inScope = store.itemsById(ids, session.scope()).stream().map(QueueItem::id)
                .collect(Collectors.toSet());
        List<Long> outside = ids.stream().filter(id -> !inScope.contains(id)).toList();
        if (!outside.isEmpty() && outOfScope.refused(ctx, session, "captures:" + outside.stream().map(String::valueOf)
                .collect(Collectors.joining(",")), outside.stream().map(schools::schoolOfCapture)
                .flatMap(Optional::stream).collect(Collectors.toSet()))) {
            return;
        }
        Refusals.showOn(ctx, refused -> {
            if (refused instanceof MissingReasons missing) {
                confirm(ctx, session, back, ids, reasons, missing);
            } else {
                flash.put(session, refused.getMessage());
                ctx.redirect(back, HttpStatus.SEE_OTHER);
            }
        });
        int closed = triage.markFalsePositive(session, ids, reasons);
        flash.put(session, closed + " marked false positive.");
        ctx.redirect(back, HttpStatus.SEE_OTHER);
    }

    /** The first showing (no reason sent yet) is a question, 200; a later one is a refusal (400, set already). */
    private void confirm(Context ctx, Session session, String back, List<Long> ids, Map<Long, String> reasons,
                         MissingReasons missing) {
        boolean firstShowing = reasons.isEmpty();
        int severe = missing.captureIds().size();
        String message = firstShowing ? (severe == 1 ? "1 ticked capture is" : severe + " ticked captures are")
                + " severity 4-5: write why each is a false positive (at least " + Triage.MIN_REASON_LENGTH
                + " characters). Nothing has changed yet." : missing.getMessage();
        if (firstShowing) {
            ctx.status(HttpStatus.OK);
        }
        templates.render(ctx, "bulk-confirm.jte", new BulkConfirmPage(
                PageHeader.signedIn("Confirm false positives", session), back, store.itemsById(ids, session.scope()),
                reasons,
                missing.captureIds(), message, !firstShowing));
    }
}
