package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.reports.Charts;
import org.vigil.console.reports.Granularity;
import org.vigil.console.reports.Report;
import org.vigil.console.reports.ReportCsv;
import org.vigil.console.reports.ReportPdf;
import org.vigil.console.reports.ReportRange;
import org.vigil.console.reports.Reports;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.School;

/**
 * The reports page and the governor report (PDF, CSV) for DSLs and VIEWERs: counts only, small counts hidden from
 * VIEWERs. A range that makes no sense is refused on the page with what was asked kept in the form; each download
 * is audited ({@code report.export}).
 */
public final class ReportRoutes {
    public static final String PATH = "/reports";
    private static final EnumSet<Role> READERS = EnumSet.of(Role.DSL, Role.VIEWER);

    private final Reports reports;
    private final ReportScope scope;
    private final AuditLog audit;
    private final WebAuth auth;
    private final Templates templates;

    public ReportRoutes(Reports reports, ReportScope scope, AuditLog audit, WebAuth auth, Templates templates) {
        this.reports = reports;
        this.scope = scope;
        this.audit = audit;
        this.auth = auth;
        this.templates = templates;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, auth.page(READERS, this::page));
        routes.get(PATH + "/governors.pdf", auth.page(READERS, this::pdf));
        routes.get(PATH + "/governors.csv", auth.page(READERS, this::csv));
    }

    private void page(Context ctx, Session session) {
        ReportForm form = ReportForm.from(ctx);
        List<School> choices = scope.choices(session);
        Refusals.showOn(ctx, refused -> templates.render(ctx, "reports.jte", new ReportPage(
                PageHeader.signedIn("Reports", session), form, choices, Optional.of(refused.getMessage()),
                Optional.empty())));
        Optional<Report> report = make(ctx, form, session);
        if (report.isEmpty()) {
            return;
        }
        templates.render(ctx, "reports.jte", new ReportPage(PageHeader.signedIn("Reports", session),
                form.resolved(report.get()), choices, Optional.empty(), Optional.of(new ReportPage.Shown(
                report.get(), Charts.of(report.get()), form.query()))));
    }

    private void pdf(Context ctx, Session session) {
        export(ctx, session, "pdf", "application/pdf", report -> ReportPdf.of(report, report.covers()));
    }

    private void csv(Context ctx, Session session) {
        export(ctx, session, "csv", "text/csv; charset=utf-8",
                report -> ReportCsv.of(report, report.covers()).getBytes(StandardCharsets.UTF_8));
    }

    /** The governor report as a download, audited ({@code report.export}) with its dates and schools. */
    private void export(Context ctx, Session session, String kind, String contentType,
                        Function<Report, byte[]> file) {
        make(ctx, ReportForm.from(ctx), session).ifPresent(report -> {
            audit.record(session.username(), "report.export", "reports", kind + ": " + report.range().dates()
                    + of(report));
            ctx.contentType(contentType)
                    .header("Content-Disposition", "attachment; filename=\"" + fileName(report) + "." + kind + "\"")
                    .result(file.apply(report));
        });
    }

    /** The report asked for, or empty when its school was refused (the answer is sent). */
    private Optional<Report> make(Context ctx, ReportForm form, Session session) {
        ReportRange range = reports.range(form.range(), form.from(), form.to());
        Granularity granularity = form.by().isBlank() ? Granularity.suitedTo(range)
                : Granularity.parse(form.by()).orElseThrow(() -> new InvalidRequest(
                        "Split the counts per week or per month (not \"" + form.by() + "\")"));
        return scope.of(ctx, session, form.school()).map(schools -> reports.make(range, granularity,
                session.role(), schools));
    }

    /** For the audit row: which schools the export covered, on a console of several. */
    private static String of(Report report) {
        return report.bySchool().isEmpty() && report.covers().isBlank() ? "" : " of " + report.covers();
    }

    private static String fileName(Report report) {
        return "vigil-report-" + report.range().from() + "-to-" + report.range().to();
    }
}
