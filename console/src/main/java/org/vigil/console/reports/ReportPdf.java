package org.vigil.console.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.vigil.console.pdf.PdfCanvas;

/**
 * The termly governor report as a PDF: the range and headline figures, the three charts (drawn as shapes, the same
 * as the page's SVG), a short table per category, statuses, outcomes, year groups and times to review and close,
 * each beside the same dates a year earlier. Counts only; hidden counts as "&lt;3" or "at least N".
 */
public final class ReportPdf implements AutoCloseable {
    private static final float MARGIN = PdfCanvas.MARGIN;
    private static final float SIZE = 9.5f;
    private static final float LEADING = 13;

    private final PdfCanvas canvas = new PdfCanvas();
    private final PDType1Font regular = canvas.regular();
    private final PDType1Font bold = canvas.bold();
    private final float width = canvas.width();

    private ReportPdf() throws IOException {
    }

    /** The report's PDF, for the school named. */
    public static byte[] of(Report report, String school) {
        try (ReportPdf pdf = new ReportPdf().write(report, school)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.canvas.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the report's PDF", e);
        }
    }

    private ReportPdf write(Report report, String school) throws IOException {
        ReportFigures now = report.current();
        ReportFigures before = report.yearEarlier();
        text(bold, 16, "Safeguarding monitoring report" + (school.isBlank() ? "" : ": " + school));
        text(regular, SIZE, now.range().label() + ", " + now.range().dates() + ", compared with " + before.range().dates()
                + ".");
        text(regular, SIZE, "Counts of captures only: no pupil is named and nothing typed is shown."
                + (report.smallCountsHidden() ? " Counts of 1 or 2 are shown as <3; every other count, totals included, is rounded to the nearest 5." : ""));
        gap();
        table(List.of("", "This range", "A year earlier"), List.of(
                List.of("Concerns (captures not marked false positive)", now.concerns().plainText(),
                        before.concerns().plainText()),
                List.of("False positives (not counted as concerns)", now.falsePositives().plainText(),
                        before.falsePositives().plainText()),
                List.of("First reviewed: how many", now.review().captures().plainText(),
                        before.review().captures().plainText()),
                List.of("First reviewed: half (p50)", now.review().p50Text(), before.review().p50Text()),
                List.of("First reviewed: 90% (p90)", now.review().p90Text(), before.review().p90Text()),
                List.of("Closed: how many", now.closure().captures().plainText(),
                        before.closure().captures().plainText()),
                List.of("Closed: half (p50)", now.closure().p50Text(), before.closure().p50Text()),
                List.of("Closed: 90% (p90)", now.closure().p90Text(), before.closure().p90Text())),
                new float[] {0.55f, 0.225f, 0.225f});
        if (!report.bySchool().isEmpty()) {
            heading("Each school");
            List<List<String>> schools = new ArrayList<>();
            for (Report.SchoolRow row : report.bySchool()) {
                schools.add(List.of(row.name(), row.concerns().plainText(), row.falsePositives().plainText()));
            }
            schools.add(List.of("All " + report.bySchool().size() + " schools", now.concerns().plainText(),
                    now.falsePositives().plainText()));
            table(List.of("School", "Concerns", "False positives"), schools, new float[] {0.55f, 0.225f, 0.225f});
        }
        for (BarChart chart : Charts.of(report)) {
            chart(chart);
        }
        heading("Each category");
        List<List<String>> rows = new ArrayList<>();
        for (ReportFigures.CategoryRow row : now.categories()) {
            List<String> cells = new ArrayList<>();
            cells.add(row.category());
            row.bySeverity().forEach(t -> cells.add(t.plainText()));
            cells.add(row.concerns().plainText());
            cells.add(before.category(row.category()).map(r -> r.concerns().plainText()).orElse("0"));
            cells.add(row.falsePositives().plainText());
            rows.add(cells);
        }
        table(List.of("Category", "Sev 1", "Sev 2", "Sev 3", "Sev 4", "Sev 5", "Concerns", "Year earlier",
                "False pos."), rows, new float[] {0.22f, 0.08f, 0.08f, 0.08f, 0.08f, 0.08f, 0.12f, 0.14f, 0.12f});
        heading("Where concerns stand (status)");
        table(List.of("Status", "This range", "A year earlier"), pairs(now.byStatus(), before.byStatus()),
                new float[] {0.55f, 0.225f, 0.225f});
        heading("Outcomes of closed cases");
        table(List.of("Outcome", "This range", "A year earlier"), pairs(now.byOutcome(), before.byOutcome()),
                new float[] {0.55f, 0.225f, 0.225f});
        heading("Concerns by year group");
        List<List<String>> groups = new ArrayList<>();
        for (ReportFigures.Line line : now.byYearGroup()) {
            groups.add(List.of(line.label(), line.count().plainText(), before.byYearGroup().stream()
                    .filter(l -> l.label().equals(line.label())).map(l -> l.count().plainText()).findFirst()
                    .orElse("0")));
        }
        table(List.of("Year group", "This range", "A year earlier"), groups, new float[] {0.55f, 0.225f, 0.225f});
        text(regular, SIZE - 1, "Year groups are the pupils' year groups in the directory now. Times run from when the"
                + " console received a capture to when a DSL first opened or triaged it, and to when the case was"
                + " closed, counted in steps (5, 15, 30 minutes, 1, 2, 4, 8 hours, 1, 2, 3, 7, 14, 30 days).");
        return this;
    }

    private static List<List<String>> pairs(List<ReportFigures.Line> now, List<ReportFigures.Line> before) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < now.size(); i++) {
            rows.add(List.of(now.get(i).label(), now.get(i).count().plainText(), before.get(i).count().plainText()));
        }
        return rows;
    }

    private void heading(String text) throws IOException {
        gap();
        text(bold, 12, text);
    }

    private void gap() {
        canvas.down(6);
    }

    private void text(PDType1Font font, float size, String text) throws IOException {
        for (String line : canvas.wrap(font, size, text, width)) {
            canvas.room(size + 4);
            canvas.down(size + 4);
            canvas.show(font, size, MARGIN, canvas.y(), line);
        }
    }

    private void table(List<String> header, List<List<String>> rows, float[] shares) throws IOException {
        row(bold, header, shares);
        for (List<String> cells : rows) {
            row(regular, cells, shares);
        }
    }

    private void row(PDType1Font font, List<String> cells, float[] shares) throws IOException {
        canvas.room(LEADING + 2);
        canvas.down(LEADING);
        float y = canvas.y();
        float x = MARGIN;
        for (int i = 0; i < cells.size(); i++) {
            float w = width * shares[i];
            List<String> lines = canvas.wrap(font, SIZE, cells.get(i), w - 4);
            canvas.show(font, SIZE, x, y, lines.get(0));
            x += w;
        }
        PDPageContentStream stream = canvas.stream();
        stream.setLineWidth(0.3f);
        stream.moveTo(MARGIN, y - 3);
        stream.lineTo(MARGIN + width, y - 3);
        stream.stroke();
    }

    /** Draws the chart's shapes scaled to the page's width; SVG's y grows down, the PDF's up. */
    private void chart(BarChart chart) throws IOException {
        float scale = width / (float) chart.width();
        float h = (float) chart.height() * scale;
        heading(chart.title());
        canvas.room(h + 10 + 14 * ((chart.key().size() + 3) / 4));
        PDPageContentStream stream = canvas.stream();
        float top = canvas.y();
        for (BarChart.Bar bar : chart.bars()) {
            int[] rgb = ChartColours.rgb(bar.colour());
            stream.setNonStrokingColor(rgb[0] / 255f, rgb[1] / 255f, rgb[2] / 255f);
            stream.addRect(MARGIN + (float) bar.x() * scale, top - (float) (bar.y() + bar.h()) * scale,
                    (float) bar.w() * scale, (float) bar.h() * scale);
            stream.fill();
        }
        stream.setNonStrokingColor(0f, 0f, 0f);
        stream.setStrokingColor(0.6f, 0.6f, 0.6f);
        stream.setLineWidth(0.4f);
        for (BarChart.Rule rule : chart.rules()) {
            stream.moveTo(MARGIN + (float) rule.x1() * scale, top - (float) rule.y1() * scale);
            stream.lineTo(MARGIN + (float) rule.x2() * scale, top - (float) rule.y2() * scale);
            stream.stroke();
        }
        stream.setStrokingColor(0f, 0f, 0f);
        float size = 7;
        for (BarChart.Label label : chart.labels()) {
            String text = PdfCanvas.showable(regular, label.text().replace("\u2265 ", ">="));
            float w = regular.getStringWidth(text) / 1000 * size;
            float x = MARGIN + (float) label.x() * scale;
            x -= switch (label.anchor()) {
                case "end" -> w;
                case "middle" -> w / 2;
                default -> 0;
            };
            canvas.show(regular, size, x, top - (float) label.y() * scale, text);
        }
        float y = top - h - 4;
        float x = MARGIN;
        for (BarChart.Key key : chart.key()) {
            float step = Math.max(110,
                    regular.getStringWidth(PdfCanvas.showable(regular, key.text())) / 1000 * 8 + 24);
            if (x + step > MARGIN + width) {
                x = MARGIN;
                y -= 12;
            }
            int[] rgb = ChartColours.rgb(key.colour());
            stream.setNonStrokingColor(rgb[0] / 255f, rgb[1] / 255f, rgb[2] / 255f);
            stream.addRect(x, y - 8, 8, 8);
            stream.fill();
            stream.setNonStrokingColor(0f, 0f, 0f);
            canvas.show(regular, 8, x + 11, y - 7, key.text());
            x += step;
        }
        canvas.moveTo(y - 16);
    }

    @Override
    public void close() throws IOException {
        canvas.close();
    }
}
