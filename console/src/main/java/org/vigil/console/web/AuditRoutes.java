package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.vigil.console.audit.AuditCsv;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.store.AuditLog;

/**
 * The audit log for the DSL: read it page by page, or export it all as CSV (the export is itself audited). A DSL of
 * fewer than every school reads the entries about their schools (ADR 0197); a DSL of every school reads them all.
 */
public final class AuditRoutes {
    static final int PAGE_SIZE = 100;

    private final AuditLog audit;
    private final WebAuth auth;
    private final Templates templates;

    public AuditRoutes(AuditLog audit, WebAuth auth, Templates templates) {
        this.audit = audit;
        this.auth = auth;
        this.templates = templates;
    }

    public void register(RoutesConfig routes) {
        routes.get("/audit", auth.page(EnumSet.of(Role.DSL), this::show));
        routes.get("/audit.csv", auth.page(EnumSet.of(Role.DSL), this::export));
    }

    private void show(Context ctx, Session session) {
        long before = Params.positive(ctx.queryParam("before")).orElse(Long.MAX_VALUE);
        audit.record(session.username(), "audit.view", null);
        List<AuditLog.AuditEntry> entries = audit.page(PAGE_SIZE + 1, before, session.scope());
        Optional<String> next = Optional.empty();
        if (entries.size() > PAGE_SIZE) {
            entries = entries.subList(0, PAGE_SIZE);
            next = Optional.of("/audit?before=" + entries.get(PAGE_SIZE - 1).id());
        }
        templates.render(ctx, "audit.jte", new AuditPage(PageHeader.signedIn("Audit log", session), entries, next));
    }

    private void export(Context ctx, Session session) throws IOException {
        audit.record(session.username(), "audit.export", "audit_log.csv");
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"vigil-audit-log.csv\"");
        ctx.header("Cache-Control", "no-store");
        try (Writer out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8)) {
            AuditCsv csv = new AuditCsv(out);
            csv.header();
            audit.forEach(session.scope(), entry -> {
                try {
                    csv.row(entry);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** A page of the audit log, newest first. */
    public record AuditPage(PageHeader header, List<AuditLog.AuditEntry> entries, Optional<String> nextHref) {
    }
}
