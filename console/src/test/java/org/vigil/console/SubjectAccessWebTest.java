package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The subject access button on a pupil's history page (ADR 0143), over real HTTP and gRPC: a DSL downloads the zip
 * and it holds the pupil's capture, screenshot and note; IT cannot, and their attempt exports nothing; a hostile
 * login stays text on the page.
 */
class SubjectAccessWebTest {
    private static final String PASSWORD = "correct horse battery staple";

    @RegisterExtension
    static final ConsoleWithStaff staff = new ConsoleWithStaff(PASSWORD, "sar");

    @Test
    void aDslDownloadsEverythingHeldAboutThePupil() throws Exception {
        long id = staff.send(List.of(Events.withScreenshot().setUser("web-pupil")
                .setWindowTitle("<img src=x onerror=alert(1)> - Chat").build())).get(0);
        staff.dsl().post("/captures/" + id + "/notes", Map.of("note", "Spoke to web-pupil's head of year."));
        String page = staff.dsl().get("/history/pupil?name=web-pupil").body();
        assertTrue(page.contains("action=\"/history/pupil/subject-access\""), page);
        assertTrue(page.contains("name=\"name\" value=\"web-pupil\""), page);

        HttpResponse<byte[]> response = staff.dsl().postForBytes("/history/pupil/subject-access",
                Map.of("name", "web-pupil", "request", "father's email, 3 March"));

        assertEquals(200, response.statusCode());
        assertEquals("application/zip", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("attachment; filename=\"vigil-subject-access-web-pupil.zip\"",
                response.headers().firstValue("Content-Disposition").orElse(""));
        Map<String, byte[]> files = SubjectAccessCommandTest.unzip(response.body());
        assertTrue(files.containsKey("screenshots/capture-" + id + ".png"), files.keySet().toString());
        JsonNode json = new ObjectMapper().readTree(files.get("records.json"));
        assertEquals(id, json.get("captures").get(0).get("id").asLong());
        assertEquals("<img src=x onerror=alert(1)> - Chat", json.get("captures").get(0).get("windowTitle").asText());
        assertEquals("Spoke to web-pupil's head of year.",
                json.get("captures").get(0).get("notes").get(0).get("body").asText());
        assertEquals("sar-dsl", json.get("exportedBy").asText());
        try (PDDocument pdf = Loader.loadPDF(files.get("summary.pdf"))) {
            String text = new PDFTextStripper().getText(pdf);
            assertTrue(text.contains("<img src=x onerror=alert(1)> - Chat"), text);
            assertTrue(text.contains("father's email, 3 March"), text);
        }
        assertEquals(1, Db.count(staff.dataDir(), "SELECT count(*) FROM audit_log WHERE action = 'pupil.subject-access'"
                + " AND actor = 'sar-dsl' AND target = 'pupil:web-pupil' AND detail = ?",
                "1 captures: father's email, 3 March"));
    }

    @Test
    void everyLoginLinkedToThePupilIsGathered() throws Exception {
        assertEquals(null, Db.tryUpdate(staff.dataDir(), "INSERT INTO pupils (login, given_name, family_name,"
                + " year_group, form, source, updated_at) VALUES ('estone', 'Ella', 'Stone', 'Year 9', '9B', 'CSV', 0)"));
        assertEquals(null, Db.tryUpdate(staff.dataDir(), "INSERT INTO pupil_logins (login, pupil_id, source, linked_by,"
                + " linked_at) SELECT 'estone', id, 'DIRECTORY', 'import', 0 FROM pupils WHERE login = 'estone'"
                + " UNION ALL SELECT 'school\\estone', id, 'DSL', 'sar-dsl', 0 FROM pupils WHERE login = 'estone'"));
        List<Long> ids = staff.send(List.of(Events.withScreenshot().setUser("EStone").build(),
                Events.withScreenshot().setUser("SCHOOL\\estone").build(),
                Events.withScreenshot().setUser("estone2").build()));

        HttpResponse<byte[]> response = staff.dsl().postForBytes("/history/pupil/subject-access",
                Map.of("name", "estone", "request", "Ella's own request, 4 March"));

        assertEquals(200, response.statusCode());
        JsonNode captures = new ObjectMapper().readTree(SubjectAccessCommandTest.unzip(response.body())
                .get("records.json")).get("captures");
        List<Long> exported = new java.util.ArrayList<>();
        captures.forEach(c -> exported.add(c.get("id").asLong()));
        assertEquals(List.of(ids.get(0), ids.get(1)), exported,
                "her directory login in another case and the login a DSL linked; not another pupil's estone2");
    }

    @Test
    void withoutTheRequestItIsRefusedAndNothingIsExported() throws Exception {
        HttpResponse<String> refused = staff.dsl().post("/history/pupil/subject-access", Map.of("name", "web-pupil",
                "request", " "));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("Say whose request this answers"), refused.body());
        assertEquals(0, Db.count(staff.dataDir(), "SELECT count(*) FROM audit_log WHERE action = 'pupil.subject-access'"
                + " AND detail LIKE '% '"));
    }

    @Test
    void itCannotExportAPupil() throws Exception {
        long before = Db.count(staff.dataDir(), "SELECT count(*) FROM audit_log WHERE action = 'pupil.subject-access'");
        HttpResponse<String> response = staff.it().post("/history/pupil/subject-access", Map.of("name", "web-pupil",
                "request", "curious"));
        assertEquals(403, response.statusCode());
        assertFalse(response.body().contains("records.json"));
        assertEquals(403, staff.it().get("/history/pupil?name=web-pupil").statusCode());
        assertEquals(before, Db.count(staff.dataDir(),
                "SELECT count(*) FROM audit_log WHERE action = 'pupil.subject-access'"));
    }

    @Test
    void aHostileLoginStaysTextOnTheButton() throws Exception {
        String page = staff.dsl().get("/history/pupil?name=" + java.net.URLEncoder.encode("\"><script>x</script>",
                java.nio.charset.StandardCharsets.UTF_8)).body();
        assertFalse(page.contains("<script>x</script>"), page);
        assertTrue(page.contains("<input type=\"hidden\" name=\"name\" value=\"&#34;>&lt;script>x&lt;/script>\">"),
                page);
    }
}
