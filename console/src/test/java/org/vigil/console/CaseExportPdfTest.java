package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.vigil.console.pupils.MisCsv;
import org.vigil.console.pupils.PupilDirectory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A capture exported as PDF for CPOMS / MyConcern (issue 14), read back with PDFBox's text extraction: the fields,
 * notes and audit trail are in it, hostile text comes out as text, the screenshot of a sensitive category only after
 * a justification, and the export is audited and starts the closed-case retention clock.
 */
class CaseExportPdfTest {
    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    static Path dataDir;
    private static Console console;
    private static WebSession dsl;

    @BeforeAll
    static void start() throws Exception {
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD));
        WebSession admin = WebSession.signIn(console, "admin", PASSWORD);
        dsl = WebSession.newUser(console, admin, "pdf-dsl", "DSL");
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void theCaseComesOutWithItsFactsNotesAndAuditTrail() throws Exception {
        long id = Seeder.send(console, dataDir, List.of(Events.withScreenshot().setUser("pdf-pupil")
                .setWindowTitle("<script>alert(1)</script> - Chat").build())).get(0);
        dsl.get("/captures/" + id);
        dsl.post("/captures/" + id + "/notes", Map.of("note", "Spoke to pdf-pupil with their form tutor."));

        HttpResponse<byte[]> response = pdf(id);

        assertEquals(200, response.statusCode());
        assertEquals("application/pdf", response.headers().firstValue("Content-Type").orElse(""));
        try (PDDocument document = Loader.loadPDF(response.body())) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("Vigil safeguarding capture " + id + ":"), text);
            assertTrue(text.contains("pdf-pupil (not in the directory)"), text);
            assertTrue(text.contains("<script>alert(1)</script> - Chat"), "hostile text is just text in a PDF");
            assertTrue(text.contains("Spoke to pdf-pupil with their form tutor."), text);
            assertTrue(text.matches("(?s).*pdf-dsl\\s+capture\\.view.*"), "who viewed it: " + text);
            assertTrue(text.contains("[[" + Events.valid().build().getMatchedText()), text);
            assertEquals(1, images(document), "not a sensitive category: the screenshot is in");
        }
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'capture.export'"
                + " AND target = ?", "capture:" + id));
        assertTrue(Db.count(dataDir, "SELECT exported_at FROM captures WHERE id = ?", id) > 0);
    }

    @Test
    void aPupilInTheDirectoryIsNamedWithYearAndForm() throws Exception {
        console.services().directory().importFull("pdf-dsl", PupilDirectory.CSV, MisCsv.read(
                "username,given name,family name,year group,form\npdf-named,Cara,Lewis,11,11A\n"));
        long id = Seeder.send(console, dataDir, List.of(Events.valid().setUser("PDF-Named").build())).get(0);
        try (PDDocument document = Loader.loadPDF(pdf(id).body())) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("Cara Lewis, Year 11, 11A (PDF-Named)"), text);
        }
    }

    @Test
    void aSensitiveScreenshotGoesInOnlyAfterTheDslRecordedWhy() throws Exception {
        long id = Seeder.send(console, dataDir, List.of(Events.withScreenshot().setCategory("sexual-content")
                .setRuleId("sexual-content.txt:3").build())).get(0);
        try (PDDocument before = Loader.loadPDF(pdf(id).body())) {
            assertEquals(0, images(before));
            assertTrue(new PDFTextStripper().getText(before).contains("Not included: a sensitive category"));
        }
        dsl.post("/captures/" + id + "/justification", Map.of("justification", "Needed to judge the risk here."));
        try (PDDocument after = Loader.loadPDF(pdf(id).body())) {
            assertEquals(1, images(after));
            assertTrue(new PDFTextStripper().getText(after).contains("Needed to judge the risk here."));
        }
    }

    @Test
    void anIncidentComesOutWithItsNotesAndEachCaptureOnItsOwnPage() throws Exception {
        List<Long> ids = Seeder.send(console, dataDir, List.of(Events.valid().setUser("pdf-amy").build(),
                Events.withScreenshot().setUser("pdf-ben").build()));
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        ids.forEach(id -> fields.add(Map.entry("capture", Long.toString(id))));
        fields.add(Map.entry("title", "Year 9 chat"));
        fields.add(Map.entry("back", "/captures"));
        long incident = Long.parseLong(dsl.location(dsl.postFields("/incidents", fields)).replace("/incidents/", ""));
        dsl.post("/incidents/" + incident + "/notes", Map.of("note", "Both families called."));

        HttpResponse<byte[]> response = get("/incidents/" + incident + "/export.pdf");

        assertEquals(200, response.statusCode());
        try (PDDocument document = Loader.loadPDF(response.body())) {
            String text = new PDFTextStripper().getText(document);
            assertTrue(text.contains("Vigil safeguarding incident " + incident + ": Year 9 chat"), text);
            assertTrue(text.contains("2 of 2 pupils") && text.contains("Both families called."), text);
            assertTrue(text.contains("Capture " + ids.get(0) + ":") && text.contains("Capture " + ids.get(1) + ":"));
            assertTrue(document.getNumberOfPages() >= 3, "the incident, then a page per capture");
            assertEquals(1, images(document));
        }
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'incident.export'"
                + " AND target = ?", "incident:" + incident));
        for (long id : ids) {
            assertTrue(Db.count(dataDir, "SELECT exported_at FROM captures WHERE id = ?", id) > 0);
        }
    }

    private static HttpResponse<byte[]> pdf(long id) throws Exception {
        return get("/captures/" + id + "/export.pdf");
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + console.httpPort() + path))
                .header("Cookie", "vigil_session=" + dsl.sessionCookie()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static int images(PDDocument document) throws Exception {
        int count = 0;
        for (PDPage page : document.getPages()) {
            for (COSName name : page.getResources().getXObjectNames()) {
                if (page.getResources().getXObject(name) instanceof PDImageXObject) {
                    count++;
                }
            }
        }
        return count;
    }
}
