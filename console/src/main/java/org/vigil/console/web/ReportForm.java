package org.vigil.console.web;

import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.vigil.console.reports.Report;
import org.vigil.console.reports.ReportRanges;

/**
 * What the reader asked the reports page or the overview for, as typed (kept when refused): range, custom dates,
 * split, and the school ({@code ""}: every school of the reader's).
 */
public record ReportForm(String range, String from, String to, String by, String school) {
    private static final int LONGEST = 40;

    static ReportForm from(Context ctx) {
        return new ReportForm(param(ctx, "range"), param(ctx, "from"), param(ctx, "to"), param(ctx, "by"),
                param(ctx, "school"));
    }

    private static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return "";
        }
        String stripped = value.strip();
        return stripped.length() > LONGEST ? stripped.substring(0, LONGEST) : stripped;
    }

    /** The form as the report resolved it: the dates filled in, the split chosen. */
    ReportForm resolved(Report report) {
        return new ReportForm(report.range().key(), report.range().from().toString(), report.range().to().toString(),
                report.granularity().param(), school);
    }

    /** The same report of one school (the reports' line for each school links to it). */
    public ReportForm withSchool(String code) {
        return new ReportForm(range, from, to, by, code);
    }

    /** The query string that asks for the same report (for the download links). */
    public String query() {
        StringBuilder out = new StringBuilder("?range=").append(encode(range.isBlank() ? ReportRanges.THIS_TERM : range));
        if (range.equals(ReportRanges.CUSTOM)) {
            out.append("&from=").append(encode(from)).append("&to=").append(encode(to));
        }
        if (!by.isBlank()) {
            out.append("&by=").append(encode(by));
        }
        if (!school.isBlank()) {
            out.append("&school=").append(encode(school));
        }
        return out.toString();
    }

    public boolean is(String key) {
        return (range.isBlank() ? ReportRanges.THIS_TERM : range).equals(key);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
