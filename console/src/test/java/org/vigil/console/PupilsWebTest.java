package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigil.console.csv.Csv;

/**
 * Who the pupil is, over real HTTP (ADR 0151): the MIS upload (refused whole with every bad line named), names,
 * year and form beside the login in the queue, on the capture page, in the history and the CSV export, search by any
 * part of a name, year and form filters, linking a stray login, hostile names escaped, and none of it for IT.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PupilsWebTest {
    private static final String PASSWORD = "correct horse battery staple";
    static final String HOSTILE_GIVEN = "<script>alert('pwn')</script>";
    static final String PUPILS_CSV = "Legal Forename,Legal Surname,Year,Reg Group,Username,CP Plan,LAC,SEN Status\n"
            + "Bella,Smith,9,9B,web-bsmith,yes,no,K\n"
            + "Aled,Jones,10,10C,web-ajones,no,no,N\n"
            + "\"" + HOSTILE_GIVEN + "\",Evans,9,9C,web-hostile,no,no,N\n";

    @RegisterExtension
    static final ConsoleWithStaff staff = new ConsoleWithStaff(PASSWORD, "pupils");

    @Test
    @Order(1)
    void aBadUploadNamesEveryLineAndChangesNothingThenAGoodOneIsCounted() throws Exception {
        HttpResponse<String> refused = staff.dsl().postFile("/pupils/import", "file", "bad.csv",
                "Username,Forename,Surname,Year\nx1,Ann,,7\nx2,Ben,Lee,\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("Not imported, nothing changed: 2 problems in the file."), refused.body());
        assertTrue(refused.body().contains("<li>line 2, family name: empty; every pupil needs a family name</li>"));
        assertTrue(refused.body().contains("<li>line 3, year group: empty; every pupil needs a year group</li>"));
        assertEquals(0, Db.count(staff.dataDir(), "SELECT count(*) FROM pupils"));

        HttpResponse<String> forged = staff.dsl().postRaw("/pupils/link", Map.of("csrf", "forged", "login", "a",
                "pupil", "b"));
        assertEquals(403, forged.statusCode());

        HttpResponse<String> imported = staff.dsl().postFile("/pupils/import", "file", "sims.csv",
                PUPILS_CSV.getBytes(StandardCharsets.UTF_8));
        assertEquals(303, imported.statusCode(), imported.body());
        String page = staff.dsl().get("/pupils").body();
        assertTrue(page.contains("Imported: 3 added, 0 updated, 0 marked left, 0 unchanged."), page);
        assertEquals("CSV full import: 3 added, 0 updated, 0 marked left, 0 unchanged", Db.text(staff.dataDir(),
                "SELECT detail FROM audit_log WHERE action = 'pupils.import' AND actor = 'pupils-dsl'"));
    }

    @Test
    @Order(2)
    void theQueueShowsNameYearFormAndFlagsAndFiltersByThem() throws Exception {
        staff.send(List.of(Events.valid().setUser("WEB-BSmith").setMatchedText("bella-capture").build(),
                Events.valid().setUser("web-ajones").build(),
                Events.valid().setUser("web-hostile").build(),
                Events.valid().setUser("SCHOOL\\web-stray").build()));
        String queue = staff.dsl().get("/captures?status=ALL&pupil=web-").body();
        assertTrue(queue.contains("<span class=\"pupil-name\">Bella Smith</span> <span class=\"pupil-login\">"
                + "(WEB-BSmith)</span> <span class=\"pupil-year\">Year 9, 9B</span> <span class=\"badge badge-flag\">"
                + "CP plan</span> <span class=\"badge badge-flag\">SEND</span>"), queue);
        assertTrue(queue.contains("SCHOOL\\web-stray</span> <span class=\"hint not-in-directory\">not in the"
                + " directory</span>"), queue);
        assertFalse(queue.contains(HOSTILE_GIVEN), "a hostile name is escaped");
        assertTrue(queue.contains("&lt;script&gt;alert('pwn')&lt;/script&gt; Evans"), queue);
        assertTrue(queue.contains("<option value=\"9B\""), "the directory's forms are offered as a filter");

        String bySurname = staff.dsl().get("/captures?status=ALL&pupil=SMI").body();
        assertTrue(bySurname.contains("bella-capture") && !bySurname.contains("web-ajones"), bySurname);
        String byFullName = staff.dsl().get("/captures?status=ALL&pupil=bella%20smith").body();
        assertTrue(byFullName.contains("bella-capture"), byFullName);
        String year10 = staff.dsl().get("/captures?status=ALL&year=10").body();
        assertTrue(year10.contains("(web-ajones)") && !year10.contains("bella-capture"), year10);
        String form9c = staff.dsl().get("/captures?status=ALL&year=9&form=9C").body();
        assertTrue(form9c.contains("(web-hostile)") && !form9c.contains("bella-capture"), form9c);
        String wildcard = staff.dsl().get("/captures?status=ALL&pupil=%25").body();
        assertTrue(wildcard.contains("Nothing here."), "% is a character to find, not a wildcard");

        List<Csv.Record> csv = Csv.read(staff.dsl().get("/captures.csv?status=ALL&pupil=bella").body());
        assertEquals(List.of("pupil", "given_name", "family_name", "year_group", "form"),
                csv.get(0).cells().subList(4, 9));
        assertEquals(List.of("WEB-BSmith", "Bella", "Smith", "9", "9B"), csv.get(1).cells().subList(4, 9));
    }

    @Test
    @Order(3)
    void aStrayLoginIsShownAsSuchAndTheDslLinksItToAPupil() throws Exception {
        long stray = Long.parseLong(Db.text(staff.dataDir(), "SELECT id FROM captures WHERE os_user = ?",
                "SCHOOL\\web-stray"));
        String before = staff.dsl().get("/captures/" + stray).body();
        assertTrue(before.contains("not in the directory") && before.contains("id=\"link-pupil\""), before);

        HttpResponse<String> unknown = staff.dsl().post("/pupils/link", Map.of("login", "SCHOOL\\web-stray",
                "pupil", "nobody", "back", "/captures/" + stray));
        assertEquals(303, unknown.statusCode());
        assertTrue(staff.dsl().get("/captures/" + stray).body()
                .contains("Nothing changed: no pupil in the directory has the username nobody."));

        HttpResponse<String> linked = staff.dsl().post("/pupils/link", Map.of("login", "SCHOOL\\web-stray",
                "pupil", "web-ajones", "back", "/captures/" + stray));
        assertEquals("/captures/" + stray, linked.headers().firstValue("Location").orElse(""));
        String after = staff.dsl().get("/captures/" + stray).body();
        assertTrue(after.contains("Linked: captures of this login are now shown as Aled Jones's."), after);
        assertTrue(after.contains(">Aled Jones (SCHOOL\\web-stray)</a>"), after);
        assertFalse(after.contains("id=\"link-pupil\""));
        assertEquals("login school\\web-stray linked by hand", Db.text(staff.dataDir(),
                "SELECT detail FROM audit_log WHERE action = 'pupil.link' AND target = 'pupil:web-ajones'"));

        String history = staff.dsl().get("/history/pupil?name=web-ajones").body();
        assertTrue(history.contains("<h1>Pupil Aled Jones (web-ajones)</h1>"), history);
        assertTrue(history.contains("(SCHOOL\\web-stray)"), "the linked login's capture is in the pupil's history");
        assertTrue(history.contains("Year 10, 10C"), history);
    }

    @Test
    @Order(4)
    void searchFindsAnyPartOfANameAndOnlyDslsSeePupils() throws Exception {
        String found = staff.dsl().get("/pupils?q=jONES").body();
        assertTrue(found.contains("Aled Jones") && !found.contains("Bella Smith"), found);
        String flags = staff.dsl().get("/pupils?q=bella").body();
        assertTrue(flags.contains("<span class=\"badge badge-flag\">CP plan</span>"), flags);
        assertEquals("1 found", Db.text(staff.dataDir(), "SELECT detail FROM audit_log WHERE action = 'pupils.search'"
                + " ORDER BY id DESC LIMIT 1"));
        assertEquals(403, staff.it().get("/pupils?q=bella").statusCode());
        assertEquals(403, staff.it().postFile("/pupils/import", "file", "x.csv",
                PUPILS_CSV.getBytes(StandardCharsets.UTF_8)).statusCode());
        assertFalse(staff.it().get("/pupils?q=bella").body().contains("Bella"));
    }
}
