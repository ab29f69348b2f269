package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The overview and reports per school over real HTTP and gRPC (issue 17, ADR 0195), on a console of two schools
 * whose devices sent their captures: a school's DSL and VIEWER see their school's figures only (not a 403), a
 * trust-level DSL and the whole-console admin both schools together with a line for each and each school apart,
 * and another school's report, PDF, CSV or overview by {@code ?school=} is an audited 403.
 */
class ReportsPerSchoolTest {
    private static final String PASSWORD = "reports per school password";

    @RegisterExtension
    static final RunningConsole running = new RunningConsole(PASSWORD);
    private static TwoSchools schools;
    private static WebSession mainViewer;

    @BeforeAll
    static void twoSchools() throws Exception {
        schools = TwoSchools.seed(running.get(), PASSWORD);
        for (int i = 0; i < 3; i++) {
            schools.sendFrom(schools.oak(), Events.valid().setCategory("bullying").setRuleId("bullying.txt:1")
                    .setUser("oak-bullied").build());
        }
        mainViewer = WebSession.newUser(running.get(), schools.admin(), "main-governor", "VIEWER",
                Map.of("school", "main"));
    }

    @Test
    void aSchoolsDslSeesTheirSchoolsFiguresOnly() throws Exception {
        String main = page(schools.mainDsl(), "/reports");
        assertTrue(main.contains("<td id=\"total-concerns\">1</td>"), main);
        assertFalse(main.contains("id=\"category-bullying\""), "the other school's category is not counted");
        assertFalse(main.contains("id=\"report-per-school\""), "one school: no line per school");
        assertFalse(main.contains("name=\"school\""), "nothing to choose between");
        String oak = page(schools.oakDsl(), "/reports");
        assertTrue(oak.contains("<td id=\"total-concerns\">4</td>"), oak);
        assertTrue(oak.contains("id=\"category-bullying\""), oak);

        String overview = page(schools.mainDsl(), "/overview");
        assertFalse(overview.contains("bullying"), "the overview of main holds none of oak's bullying");
        assertTrue(page(schools.oakDsl(), "/overview").contains("bullying"));
        assertEquals(200, schools.mainIt().get("/overview").statusCode(), "IT of one school reads its overview");
    }

    @Test
    void aSchoolsViewerSeesTheirSchoolsSmallCountHidden() throws Exception {
        String html = page(mainViewer, "/reports");
        assertTrue(html.contains("<td id=\"total-concerns\">&lt;3</td>"), html);
        String csv = page(mainViewer, "/reports/governors.csv");
        assertTrue(csv.contains("total,concerns (captures not marked false positive),<3,"), csv);
        assertFalse(csv.contains("Oak"), csv);
    }

    @Test
    void aTrustDslSeesBothSchoolsTogetherWithALineEachAndEachApart() throws Exception {
        String both = page(schools.trustDsl(), "/reports");
        assertTrue(both.contains("<td id=\"total-concerns\">5</td>"), both);
        assertTrue(row(both, "school-main").contains("<td class=\"concerns\">1</td>"), row(both, "school-main"));
        assertTrue(row(both, "school-oak").contains("<td class=\"concerns\">4</td>"), row(both, "school-oak"));
        assertTrue(both.contains("<option value=\"oak\""), "a choice of school");
        String oakAlone = page(schools.trustDsl(), "/reports?school=oak");
        assertTrue(oakAlone.contains("<td id=\"total-concerns\">4</td>"), oakAlone);
        assertFalse(oakAlone.contains("id=\"report-per-school\""));
        String csv = page(schools.trustDsl(), "/reports/governors.csv");
        assertTrue(csv.contains("school,Oak Academy concerns,4,"), csv);
        assertTrue(Db.text(schools.dataDir(), "SELECT detail FROM audit_log WHERE actor = 'trust-dsl'"
                + " AND action = 'report.export'").contains("of All 2 schools"), "the export names what it covered");

        HttpResponse<byte[]> pdf = schools.trustDsl().getBytes("/reports/governors.pdf");
        assertEquals(200, pdf.statusCode());
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("Each school") && text.contains("Oak Academy"), text);
            assertTrue(text.contains("Safeguarding monitoring report: All 2 schools"), text);
        }

        String admin = page(schools.admin(), "/reports");
        assertTrue(admin.contains("<td id=\"total-concerns\">5</td>"), "the whole console");
        assertTrue(admin.contains("id=\"report-per-school\""), "for the trust's governors: a line per school");
    }

    @Test
    void anotherSchoolsReportExportsAndOverviewAreAnAuditedForbiddenByUrl() throws Exception {
        List<String> paths = List.of("/reports?school=oak", "/reports/governors.csv?school=oak",
                "/reports/governors.pdf?school=oak", "/overview?school=oak");
        for (String path : paths) {
            HttpResponse<String> refused = mainViewer.get(path);
            assertEquals(403, refused.statusCode(), path);
            assertFalse(refused.body().contains("bullying"), path);
        }
        assertEquals(paths.size(), Db.count(schools.dataDir(), "SELECT count(*) FROM audit_log"
                + " WHERE actor = 'main-governor' AND action = 'access.denied' AND target = 'school:oak'"));
        assertEquals(403, mainViewer.get("/reports?school=nowhere").statusCode(),
                "no existence oracle: a school that does not exist is refused alike");
        assertEquals(200, schools.mainDsl().get("/reports?school=main").statusCode(), "their own school by code");
    }

    private static String page(WebSession session, String path) throws Exception {
        HttpResponse<String> response = session.get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }

    private static String row(String html, String id) {
        int start = html.indexOf("<tr id=\"" + id + "\"");
        assertTrue(start >= 0, "no row " + id);
        return html.substring(start, html.indexOf("</tr>", start));
    }
}
