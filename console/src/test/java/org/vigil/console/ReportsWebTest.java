package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.proto.v1.Event;

/**
 * The reports page, the overview and the governor report (PDF, CSV) over real HTTP, with captures sent over real
 * gRPC/TLS: what a DSL and a VIEWER each see, small counts hidden from the viewer, false positives never counted as
 * concerns, refusals kept on the page, and no pupil name or captured word anywhere a viewer can reach.
 */
class ReportsWebTest {
    private static final String PASSWORD = "reports web admin passphrase";
    /** In every typed field, the window title, the login and the pupil's names: never in a viewer's answer. */
    private static final String MARKER = "zqxmark";
    private static final Pattern HREF = Pattern.compile("href=\"(/[^\"#]*)\"");

    @TempDir
    static Path dataDir;
    private static Console console;
    private static WebSession dsl;
    private static WebSession it;
    private static WebSession viewer;

    @BeforeAll
    static void start() throws Exception {
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD));
        WebSession admin = WebSession.signIn(console, "admin", PASSWORD);
        dsl = WebSession.newUser(console, admin, "reports-dsl", "DSL");
        it = WebSession.newUser(console, admin, "reports-it", "IT_ADMIN");
        viewer = WebSession.newUser(console, admin, "reports-governor", "VIEWER");
        assertEquals(null, Db.tryUpdate(dataDir, "INSERT INTO pupils (login, given_name, family_name, year_group,"
                + " form, source, updated_at) VALUES ('zqxmark01', 'Zqxmarkgiven', 'Zqxmarkfamily', 'Year 9', '9Z',"
                + " 'CSV', 0)"));
        assertEquals(null, Db.tryUpdate(dataDir, "INSERT INTO pupil_logins (login, pupil_id, source, linked_by,"
                + " linked_at) SELECT 'zqxmark01', id, 'DIRECTORY', 'import', 0 FROM pupils"));
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(marked("self-harm", 4, "ZQXMARK01"));
        }
        events.add(marked("bullying", 2, "zqxmark01"));
        events.add(marked("bullying", 2, "zqxmark-other"));
        events.add(marked("drugs", 2, "zqxmark01"));
        List<Long> ids = Seeder.send(console, dataDir, events);
        dsl.refreshCsrf("/captures/" + ids.get(7));
        HttpResponse<String> falsePositive = dsl.post("/captures/" + ids.get(7) + "/status",
                Map.of("status", "FALSE_POSITIVE"));
        assertEquals(303, falsePositive.statusCode(), falsePositive.body());
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    private static Event marked(String category, int severity, String login) {
        String matched = "zqxmark words";
        String context = "typed ZQXMARK text then " + matched + " and more zqxmark";
        return Events.valid().setCategory(category).setSeverity(severity).setRuleId(category + ".txt:1")
                .setUser(login).setWindowTitle("Zqxmark diary - Docs").setApp("zqxmark-app").setMatchedText(matched)
                .setContext(context).setMatchStart(context.indexOf(matched))
                .setMatchEnd(context.indexOf(matched) + matched.length())
                .setExplanation("matched the phrase \"" + matched + "\"").build();
    }

    @Test
    void theDslSeesExactCountsWithFalsePositivesApart() throws Exception {
        HttpResponse<String> page = dsl.get("/reports");
        assertEquals(200, page.statusCode(), page.body());
        String html = page.body();
        assertTrue(html.contains("<a href=\"/reports\">Reports</a>"), "in the menu");
        assertTrue(html.contains("<svg class=\"chart\" id=\"chart-per-period\""), "a chart drawn in the page");
        assertTrue(row(html, "category-bullying").contains("<td class=\"concerns\">2</td>"), row(html, "category-bullying"));
        assertTrue(row(html, "category-drugs").contains("<td class=\"concerns\">0</td>"), "the false positive is no concern");
        assertTrue(row(html, "category-drugs").contains("<td class=\"false-positives\">1</td>"));
        assertTrue(html.contains("<td id=\"total-concerns\">7</td>"), html);
        assertTrue(html.contains("<td id=\"total-false-positives\">1</td>"));
        assertTrue(html.contains("<th scope=\"row\">Year 9</th><td>6</td>"), "ZQXMARK01 is the pupil's login");
        assertTrue(html.contains("<th scope=\"row\">Not in the directory</th><td>1</td>"));
        assertTrue(html.contains("First reviewed</th><td>1</td>"), "the false positive was triaged");

        String overview = dsl.get("/overview").body();
        assertTrue(overview.contains("<th scope=\"row\">All concerns</th>"), overview);
        assertTrue(rowOf(overview, "All concerns").contains("<td>7</td>"), rowOf(overview, "All concerns"));
        assertTrue(rowOf(overview, "False positives (not counted)").contains("<td>1</td>"));
        assertTrue(overview.contains("<option value=\"this-term\" selected>"), "the date range, this term first");
    }

    @Test
    void aViewerSeesSmallCountsHiddenAndTheRestRounded() throws Exception {
        String html = viewer.get("/reports").body();
        assertTrue(row(html, "category-bullying").contains("<td class=\"concerns\">&lt;3</td>"),
                row(html, "category-bullying"));
        assertTrue(row(html, "category-self-harm").contains("<td class=\"concerns\">5</td>"));
        assertTrue(html.contains("<td id=\"total-concerns\">5</td>"), "7 (5 and a hidden 2) rounded to 5");
        assertTrue(html.contains("<td id=\"total-false-positives\">&lt;3</td>"));
        assertTrue(html.contains("Counts of 1 or 2 are shown as &lt;3"));
        assertTrue(rowOf(viewer.get("/overview").body(), "False positives (not counted)").contains("&lt;3"));
    }

    @Test
    void noViewerAnswerEverHoldsAPupilNameOrACapturedWord() throws Exception {
        assertTrue(Db.count(dataDir, "SELECT count(*) FROM captures WHERE lower(context) LIKE '%zqxmark%'"
                + " AND lower(window_title) LIKE '%zqxmark%' AND lower(os_user) LIKE '%zqxmark%'") == 8);
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(List.of("/", "/overview", "/reports", "/reports?range=this-year",
                "/reports?range=last-term", "/reports?range=last-year", "/reports?range=this-term&by=month",
                "/reports?range=custom&from=2020-01-01&to=2030-12-31", "/overview?range=this-year",
                "/captures", "/incidents", "/history/pupil?name=zqxmark01", "/audit", "/privacy"));
        while (!next.isEmpty() && seen.size() < 80) {
            String path = next.poll();
            if (!seen.add(path) || path.startsWith("/logout")) {
                continue;
            }
            HttpResponse<byte[]> response = viewer.getBytes(path);
            String body = new String(response.body(), StandardCharsets.UTF_8);
            if (path.endsWith(".pdf") || path.contains(".pdf?")) {
                assertEquals(200, response.statusCode(), path);
                body = pdfText(response.body());
                assertTrue(body.contains("Safeguarding monitoring report"), body);
                assertTrue(body.contains("<3"), "small counts hidden in the PDF too");
            }
            assertFalse(body.toLowerCase(Locale.ROOT).contains(MARKER), path + " showed a viewer: " + body);
            Matcher links = HREF.matcher(body);
            while (links.find()) {
                next.add(links.group(1).replace("&amp;", "&"));
            }
        }
        assertTrue(seen.stream().anyMatch(p -> p.startsWith("/reports/governors.pdf")), seen.toString());
        assertTrue(seen.stream().anyMatch(p -> p.startsWith("/reports/governors.csv")), seen.toString());
        assertTrue(Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'report.export'"
                + " AND actor = 'reports-governor'") >= 2, "each download audited");
    }

    @Test
    void theGovernorReportReadsBackFromThePdfAndTheCsv() throws Exception {
        HttpResponse<byte[]> pdf = dsl.getBytes("/reports/governors.pdf?range=this-year");
        assertEquals(200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElseThrow());
        String text = pdfText(pdf.body());
        for (String expected : new String[] {"Safeguarding monitoring report", "Concerns (captures not marked false"
                + " positive) 7", "False positives (not counted as concerns) 1", "Concerns per week, by category",
                "Each category", "bullying 0 2 0 0 0 2", "Year 9 6", "Outcomes of closed cases"}) {
            assertTrue(text.contains(expected), expected + " in " + text);
        }
        HttpResponse<String> csv = dsl.get("/reports/governors.csv?range=this-year");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body().contains("\r\ncategory,self-harm,5,0\r\n"), csv.body());
        assertTrue(csv.body().contains("\r\ntotal,false positives (not counted as concerns),1,0\r\n"));
        assertTrue(csv.body().contains("\r\nyear group,Not in the directory,1,0\r\n"));
        assertFalse(csv.body().toLowerCase(Locale.ROOT).contains(MARKER));
        String viewerCsv = viewer.get("/reports/governors.csv").body();
        assertTrue(viewerCsv.contains("\r\ncategory,bullying,<3,0\r\n"), viewerCsv);
        assertTrue(viewerCsv.contains("\r\ntotal,concerns (captures not marked false positive),5,0\r\n"), viewerCsv);
    }

    @Test
    void aRangeThatMakesNoSenseIsRefusedOnThePageWithWhatWasTypedKept() throws Exception {
        HttpResponse<String> refused = viewer.get("/reports?range=custom&from=2026-10-31&to=2026-10-01");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("The range ends (2026-10-01) before it starts (2026-10-31)"),
                refused.body());
        assertTrue(refused.body().contains("name=\"from\" value=\"2026-10-31\""), "what was typed is kept");
        HttpResponse<String> badDate = dsl.get("/overview?range=custom&from=31/10/2026&to=2026-11-01");
        assertEquals(400, badDate.statusCode());
        assertTrue(badDate.body().contains("is not a date such as 2026-09-01"), badDate.body());
        HttpResponse<String> badSplit = dsl.get("/reports/governors.csv?by=fortnight");
        assertEquals(400, badSplit.statusCode());
        assertEquals("Split the counts per week or per month (not \"fortnight\")", badSplit.body());
    }

    @Test
    void itAdminsGetNoReports() throws Exception {
        assertEquals(403, it.get("/reports").statusCode());
        assertEquals(403, it.get("/reports/governors.pdf").statusCode());
        assertFalse(it.get("/overview").body().contains("href=\"/reports\""));
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    /** The table row with that id. */
    private static String row(String html, String id) {
        int start = html.indexOf("<tr id=\"" + id + "\">");
        assertTrue(start >= 0, id + " in " + html);
        return html.substring(start, html.indexOf("</tr>", start));
    }

    /** The table row headed by that text. */
    private static String rowOf(String html, String heading) {
        int start = html.indexOf("<th scope=\"row\">" + heading + "</th>");
        assertTrue(start >= 0, heading + " in " + html);
        return html.substring(start, html.indexOf("</tr>", start));
    }
}
