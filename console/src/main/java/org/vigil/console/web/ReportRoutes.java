package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.Optional;
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
import org.vigil.console.settings.Setting;
import org.vigil.console.settings.Settings;
import org.vigil.console.store.AuditLog;

/**
 * The reports page and the governor report (PDF, CSV) for DSLs and VIEWERs: counts only, small counts hidden from
 * VIEWERs. A range that makes no sense is refused on the page with what was asked kept in the form; each download
 * is audited ({@code report.export}).
 */
public final class ReportRoutes {
    public static final String PATH = "/reports";
    private static final EnumSet<Role> READERS = EnumSet.of(Role.DSL, Role.VIEWER);

    private final Reports reports;
    private final Settings settings;
    private final AuditLog audit;
    private final WebAuth auth;
    private final Templates templates;

    public ReportRoutes(Reports reports, Settings settings, AuditLog audit, WebAuth auth, Templates templates) {
        this.reports = reports;
        this.settings = settings;
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
        Refusals.showOn(ctx, refused -> templates.render(ctx, "reports.jte", new ReportPage(
                PageHeader.signedIn("Reports", session), form, Optional.of(refused.getMessage()), Optional.empty())));
        Report report = make(form, session);
        templates.render(ctx, "reports.jte", new ReportPage(PageHeader.signedIn("Reports", session),
                form.resolved(report), Optional.empty(), Optional.of(new ReportPage.Shown(report,
                Charts.of(report), form.query()))));
    }

    private void pdf(Context ctx, Session session) {
        Report report = make(ReportForm.from(ctx), session);
        audit.record(session.username(), "report.export", "reports", "pdf: " + report.range().dates());
        ctx.contentType("application/pdf")
                .header("Content-Disposition", "attachment; filename=\"" + fileName(report) + ".pdf\"")
                .result(ReportPdf.of(report, school()));
    }

    private void csv(Context ctx, Session session) {
        Report report = make(ReportForm.from(ctx), session);
        audit.record(session.username(), "report.export", "reports", "csv: " + report.range().dates());
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName(report) + ".csv\"")
                .result(ReportCsv.of(report, school()));
    }

    private Report make(ReportForm form, Session session) {
        ReportRange range = reports.range(form.range(), form.from(), form.to());
        Granularity granularity = form.by().isBlank() ? Granularity.suitedTo(range)
                : Granularity.parse(form.by()).orElseThrow(() -> new InvalidRequest(
                        "Split the counts per week or per month (not \"" + form.by() + "\")"));
        return reports.make(range, granularity, session.role());
    }

    private String school() {
        return settings.values().get(Setting.SCHOOL_NAME);
    }

    private static String fileName(Report report) {
        return "vigil-report-" + report.range().from() + "-to-" + report.range().to();
    }
}
