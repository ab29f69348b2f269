package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.terms.WordlistCsv;
import org.vigil.wordlists.WordlistBundle;

/** The wordlist admin's import, export and term forms over HTTP: roles, CSRF, refusals that change nothing. */
class WordlistAdminWebTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dataDir;
    private static Console console;
    private static WebSession admin;
    private static WebSession it;
    private static WebSession viewer;

    @BeforeAll
    static void start() throws Exception {
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD));
        admin = WebSession.signIn(console, "admin", PASSWORD);
        admin.refreshCsrf("/users");
        it = signedInAs("it-alice", "IT_ADMIN");
        viewer = signedInAs("chair-of-governors", "VIEWER");
        it.refreshCsrf("/wordlists");
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void aViewerGetsForbiddenForEveryWordlistPageExportAndForm() throws Exception {
        String before = version();
        for (String path : new String[] {"/wordlists", "/wordlists/export.zip", "/wordlists/export.csv"}) {
            assertEquals(403, viewer.get(path).statusCode(), path);
        }
        assertEquals(403, viewer.post("/wordlists/terms/add", Map.of("category", "drugs", "term", "newterm",
                "severity", "3", "match", "word")).statusCode());
        assertEquals(403, viewer.post("/wordlists/terms/delete", Map.of("category", "drugs", "line", "1",
                "term", "x")).statusCode());
        assertEquals(403, multipart(viewer, viewer.csrf(), Map.of("drugs.txt", "3 | weed\n")).statusCode());
        assertEquals(before, version());
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'policy.export'"
                + " AND actor = 'chair-of-governors'"));
        assertTrue(Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'access.denied'"
                + " AND actor = 'chair-of-governors'") >= 6);
    }

    @Test
    void theDslAndItAdminsBothOpenTheTermTableAndExports() throws Exception {
        assertEquals(200, admin.get("/wordlists?category=drugs").statusCode());
        assertEquals(200, admin.get("/wordlists/export.csv").statusCode());
        assertEquals(200, it.get("/wordlists?category=drugs").statusCode());
    }

    @Test
    void formsWithoutTheSessionsCsrfTokenChangeNothing() throws Exception {
        String before = version();
        assertEquals(403, it.postRaw("/wordlists/terms/add", Map.of("category", "drugs", "term", "csrf-less",
                "severity", "3", "match", "word")).statusCode());
        assertEquals(403, it.postRaw("/wordlists/terms/add", Map.of("csrf", "forged", "category", "drugs",
                "term", "csrf-less", "severity", "3", "match", "word")).statusCode());
        assertEquals(403, multipart(it, "forged", Map.of("drugs.txt", "3 | weed\n")).statusCode());
        assertEquals(before, version());
        assertTrue(Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'csrf.refused'"
                + " AND actor = 'it-alice'") >= 3);
    }

    @Test
    void anImportWithBadLinesListsThemAllAndChangesNothing() throws Exception {
        String before = version();
        long changes = Db.count(dataDir, "SELECT count(*) FROM policy_changes");
        HttpResponse<String> refused = multipart(it, it.csrf(), Map.of(
                "drugs.txt", "3 | weed\n9 | spice\n# fine\n3 | ket | oops\n",
                "gangs.txt", "3 | <b>opps</b>\n0 | roads\n"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("drugs.txt:2: severity must be a number from 1 to 5, got '9'"),
                refused.body());
        assertTrue(refused.body().contains("drugs.txt:4: the third field starts with 'except:'"));
        assertTrue(refused.body().contains("gangs.txt:2: severity must be a number from 1 to 5"));
        assertTrue(refused.body().contains("(3 problems)"));
        assertEquals(before, version());
        assertEquals(changes, Db.count(dataDir, "SELECT count(*) FROM policy_changes"));
    }

    @Test
    void anImportReplacesTheNamedCategoriesAndKeepsTheRest() throws Exception {
        HttpResponse<String> imported = multipart(it, it.csrf(), Map.of("gambling.txt", "# ours\n3 | lucky spin\n"));
        assertEquals(200, imported.statusCode(), imported.body());
        assertTrue(imported.body().contains("Imported 1 category (gambling); other categories kept."));
        WordlistBundle now = console.policies().current().bundle();
        assertEquals("# ours\n3 | lucky spin\n", now.files().get("gambling.txt"));
        assertEquals(WordlistBundle.defaults().files().get("suicide.txt"), now.files().get("suicide.txt"));
        assertEquals("IMPORT", Db.text(dataDir, "SELECT action FROM policy_changes ORDER BY id DESC LIMIT 1"));
    }

    @Test
    void aCsvImportNamesBadRowsByLineAndAGoodOnePublishes() throws Exception {
        String before = version();
        HttpResponse<String> refused = multipart(it, it.csrf(), Map.of("terms.csv",
                "\uFEFFcategory,severity,term,match,exceptions\r\nextremism,3,radicalis,prefix,\r\nextremism,6,x,word,\r\n"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("terms.csv:3: severity must be a number from 1 to 5"), refused.body());
        assertEquals(before, version());

        HttpResponse<String> imported = multipart(it, it.csrf(), Map.of("terms.csv",
                "category,severity,term,match,exceptions\r\nextremism,3,radicalis,prefix,\r\n"
                        + "extremism,4,'-join us,word,\"'-join us now, please\"\r\n"));
        assertEquals(200, imported.statusCode(), imported.body());
        assertEquals("# imported from CSV\n3 | radicalis*\n4 | -join us | except: -join us now, please\n",
                console.policies().current().bundle().files().get("extremism.txt"));
    }

    @Test
    void anOversizeUploadIsRefusedBeforeItIsReadAndChangesNothing() throws Exception {
        String before = version();
        String big = "3 | weed\n" + "# padding\n".repeat(250_000);
        HttpResponse<String> refused = multipart(it, it.csrf(), Map.of("drugs.txt", big));
        assertEquals(413, refused.statusCode());
        assertTrue(refused.body().contains("at most 2 MB"), refused.body());
        assertEquals(before, version());
    }

    @Test
    void theZipExportHoldsEveryFileOfTheVersionAndIsAudited() throws Exception {
        WordlistBundle current = console.policies().current().bundle();
        HttpResponse<byte[]> zip = it.getBytes("/wordlists/export.zip");
        assertEquals(200, zip.statusCode());
        assertEquals("attachment; filename=\"vigil-wordlists-" + current.version().substring(0, 12) + ".zip\"",
                zip.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals(current, WordlistBundle.of(unzip(zip.body())));
        assertTrue(Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'policy.export'"
                + " AND actor = 'it-alice' AND detail = 'zip' AND target = ?", "policy:" + current.version()) >= 1);

        String seeded = WordlistBundle.defaults().version();
        assertEquals(WordlistBundle.defaults(), WordlistBundle.of(unzip(it.getBytes(
                "/wordlists/export.zip?version=" + seeded).body())));
        assertEquals(404, it.getBytes("/wordlists/export.zip?version=nosuchversion").statusCode());
    }

    @Test
    void theCsvExportReadsBackAsTheSameEntries() throws Exception {
        String seeded = WordlistBundle.defaults().version();
        HttpResponse<String> csv = it.get("/wordlists/export.csv?version=" + seeded);
        assertEquals(200, csv.statusCode());
        assertEquals("text/csv; charset=utf-8", csv.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(csv.body().startsWith(WordlistCsv.HEADER + "\r\n"));
        assertEquals(WordlistBundle.defaults().wordlist().rules().size(), csv.body().split("\r\n").length - 1);
        Map<String, String> back = WordlistCsv.read("export.csv", csv.body());
        assertEquals(WordlistBundle.defaults().wordlist().rules().stream().map(rule -> rule.category() + rule.term()
                + rule.severity() + rule.mode() + rule.exceptions()).sorted().toList(),
                WordlistBundle.of(back).wordlist().rules().stream().map(rule -> rule.category() + rule.term()
                        + rule.severity() + rule.mode() + rule.exceptions()).sorted().toList());
    }

    @Test
    void aFormFromAPageShowingAnOlderVersionIsRefusedWithAConflictAndChangesNothing() throws Exception {
        String seen = version();
        assertTrue(it.get("/wordlists?category=gambling").body().contains(
                "name=\"base\" value=\"" + seen + "\""), "every form names the version its page showed");
        console.policies().editCategory("gambling", console.policies().current().bundle().files().get("gambling.txt")
                + "3 | made-elsewhere\n", "it-bob", Optional.of("meanwhile"));
        String now = version();

        HttpResponse<String> stale = it.post("/wordlists/terms/add", Map.of("base", seen, "category", "gambling",
                "term", "lost-update", "severity", "3", "match", "word"));

        assertEquals(409, stale.statusCode());
        assertTrue(stale.body().contains("the wordlists changed while you were editing (now version " + now
                + ", you started from " + seen + "): reload and make your change again"), stale.body());
        assertEquals(now, version());
        assertFalse(console.policies().current().bundle().files().get("gambling.txt").contains("lost-update"));
        assertEquals(409, it.post("/wordlists/edit", Map.of("base", seen, "category", "gambling", "text",
                "3 | lost-update\n")).statusCode());
        assertEquals(now, version());
    }

    @Test
    void termFormsAddSwitchOffAndDeleteAndRefuseBadFieldsWithoutChange() throws Exception {
        HttpResponse<String> added = it.post("/wordlists/terms/add", Map.of("category", "bullying",
                "term", "<i>zorblat</i>", "severity", "4", "match", "word", "exceptions", "", "reason", "new insult"));
        assertEquals(200, added.statusCode(), added.body());
        assertFalse(added.body().contains("<i>zorblat</i>"));
        assertTrue(added.body().contains("&lt;i&gt;zorblat&lt;/i&gt;"));
        assertTrue(console.policies().current().bundle().files().get("bullying.txt").endsWith("4 | <i>zorblat</i>\n"));
        int line = lineOf("bullying", "4 | <i>zorblat</i>");
        assertEquals(200, it.post("/wordlists/terms/edit", Map.of("category", "bullying", "line",
                Integer.toString(line), "term", "<i>zorblat</i>", "severity", "2", "match", "prefix",
                "exceptions", "<i>zorblat</i>s are fine")).statusCode());
        assertEquals(line, lineOf("bullying", "2 | <i>zorblat</i>* | except: <i>zorblat</i>s are fine"));
        assertEquals("\"<i>zorblat</i>\" changed", Db.text(dataDir,
                "SELECT reason FROM policy_changes ORDER BY id DESC LIMIT 1"));

        String before = version();
        HttpResponse<String> bad = it.post("/wordlists/terms/add", Map.of("category", "bullying",
                "term", "zorb | except: x", "severity", "4", "match", "word"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("may not contain '|'"), bad.body());
        assertEquals(400, it.post("/wordlists/terms/add", Map.of("category", "bullying", "term", "zorblat2",
                "severity", "4", "match", "word", "exceptions", "unrelated")).statusCode());
        assertEquals(400, it.post("/wordlists/terms/disable", Map.of("category", "bullying",
                "line", Integer.toString(line + 1), "term", "<i>zorblat</i>")).statusCode());
        assertEquals(400, it.post("/wordlists/terms/add", Map.of("category", "no-such", "term", "x",
                "severity", "4", "match", "word")).statusCode());
        assertEquals(before, version());

        assertEquals(200, it.post("/wordlists/terms/disable", Map.of("category", "bullying",
                "line", Integer.toString(line), "term", "<i>zorblat</i>")).statusCode());
        assertEquals(line, lineOf("bullying", "# off: 2 | <i>zorblat</i>* | except: <i>zorblat</i>s are fine"));
        assertEquals(200, it.post("/wordlists/terms/delete", Map.of("category", "bullying",
                "line", Integer.toString(line), "term", "<i>zorblat</i>")).statusCode());
        assertFalse(console.policies().current().bundle().files().get("bullying.txt").contains("zorblat"));
    }

    private static int lineOf(String category, String text) {
        String[] lines = console.policies().current().bundle().files().get(category + ".txt").split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].equals(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + category);
    }

    private static String version() {
        return console.policies().current().change().version();
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    /** Posts the import form as a browser does: multipart, with the files, a reason and the given CSRF token. */
    private static HttpResponse<String> multipart(WebSession session, String csrf, Map<String, String> files)
            throws Exception {
        String boundary = "----vigil-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("csrf", csrf);
        fields.put("reason", "test import");
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
                    + file.getKey() + "\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(file.getValue().getBytes(StandardCharsets.UTF_8));
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + console.httpPort()
                        + "/wordlists/import"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Cookie", "vigil_session=" + session.sessionCookie())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static WebSession signedInAs(String username, String role) throws Exception {
        return WebSession.newUser(console, admin, username, role);
    }
}
