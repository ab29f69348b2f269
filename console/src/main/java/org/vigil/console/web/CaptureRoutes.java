package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.Capture;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.CaptureSummary;
import org.vigil.console.store.ScreenshotRef;
import org.vigil.console.store.ScreenshotStore;

/** The captures list, one capture, and its screenshot: DSL only, every view audited. */
public final class CaptureRoutes {
    static final int PAGE_SIZE = 50;

    private final CaptureRepository captures;
    private final ScreenshotStore screenshots;
    private final AuditLog audit;
    private final WebAuth auth;
    private final Templates templates;

    public CaptureRoutes(CaptureRepository captures, ScreenshotStore screenshots, AuditLog audit, WebAuth auth,
                         Templates templates) {
        this.captures = captures;
        this.screenshots = screenshots;
        this.audit = audit;
        this.auth = auth;
        this.templates = templates;
    }

    public void register(RoutesConfig routes) {
        routes.get("/", ctx -> ctx.redirect("/captures", HttpStatus.FOUND));
        routes.get("/captures", auth.requireRole(Role.DSL, this::list));
        routes.get("/captures/{id}", auth.requireRole(Role.DSL, this::show));
        routes.get("/captures/{id}/screenshot", auth.requireRole(Role.DSL, this::screenshot));
    }

    private void list(Context ctx, Session session) {
        int page = parsePositive(ctx.queryParam("page")).map(Long::intValue).orElse(1);
        long total = captures.count();
        List<CaptureRow> rows = captures.page(PAGE_SIZE, (long) (page - 1) * PAGE_SIZE).stream()
                .map(CaptureRoutes::toRow)
                .toList();
        templates.render(ctx, "captures.jte", new CaptureListPage(PageHeader.signedIn("Captures", session), rows,
                page, page > 1, (long) page * PAGE_SIZE < total, total));
    }

    private void show(Context ctx, Session session) {
        Optional<Capture> capture = parsePositive(ctx.pathParam("id")).flatMap(captures::find);
        if (capture.isEmpty()) {
            notFound(ctx, session);
            return;
        }
        audit.record(session.username(), "capture.view", "capture:" + capture.get().id());
        templates.render(ctx, "capture.jte",
                new CapturePage(PageHeader.signedIn("Capture " + capture.get().id(), session), toDetail(capture.get())));
    }

    private void screenshot(Context ctx, Session session) {
        Optional<Capture> capture = parsePositive(ctx.pathParam("id")).flatMap(captures::find);
        Optional<ScreenshotRef> ref = capture.flatMap(Capture::screenshot);
        Optional<byte[]> bytes = ref.flatMap(r -> screenshots.get(r.sha256(), r.mediaType()));
        if (bytes.isEmpty()) {
            notFound(ctx, session);
            return;
        }
        audit.record(session.username(), "capture.screenshot.view", "capture:" + capture.get().id());
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(ref.get().mediaType());
        ctx.result(bytes.get());
    }

    private void notFound(Context ctx, Session session) {
        ctx.status(HttpStatus.NOT_FOUND);
        templates.render(ctx, "message.jte", new MessagePage(PageHeader.signedIn("Not found", session),
                "Not found", "There is no such capture."));
    }

    private static Optional<Long> parsePositive(String text) {
        if (text == null || !text.matches("[0-9]{1,9}")) {
            return Optional.empty();
        }
        long value = Long.parseLong(text);
        return value >= 1 ? Optional.of(value) : Optional.empty();
    }

    private static CaptureRow toRow(CaptureSummary c) {
        return new CaptureRow(c.id(), DisplayTime.of(c.occurredAt()), c.severity(), c.category(), c.osUser(),
                c.deviceHostname(), c.matchedText(), c.status());
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
}
