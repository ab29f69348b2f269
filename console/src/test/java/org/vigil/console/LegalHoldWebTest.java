package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Legal holds on the capture page over real HTTP (ADR 0142): a DSL places one on the capture or on its pupil with
 * a reason, it is marked on every capture it covers, lifted with a reason; IT cannot; a hostile reason is escaped.
 */
class LegalHoldWebTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final String HOSTILE = "<script>window.pwned=1</script>";

    @RegisterExtension
    static final ConsoleWithStaff staff = new ConsoleWithStaff(PASSWORD, "hold");

    @Test
    void aHoldOnAPupilIsMarkedOnEachOfTheirCapturesAndLiftedWithAReason() throws Exception {
        List<Long> ids = staff.send(List.of(Events.valid().setUser("held-pupil").build(),
                Events.valid().setUser("held-pupil").build(), Events.valid().setUser("other-pupil").build()));

        HttpResponse<String> placed = staff.dsl().post("/captures/" + ids.get(0) + "/hold",
                Map.of("scope", "PUPIL", "hold_reason", "police ref 44/123 " + HOSTILE));
        assertEquals(303, placed.statusCode(), placed.body());
        long hold = Db.count(staff.dataDir(), "SELECT id FROM legal_holds WHERE target = 'held-pupil'");

        String other = staff.dsl().get("/captures/" + ids.get(1)).body();
        assertTrue(other.contains("id=\"legal-hold\""), other);
        assertTrue(other.contains("Hold " + hold + " on pupil held-pupil: police ref 44/123 &lt;script&gt;"), other);
        assertFalse(other.contains(HOSTILE));
        assertFalse(staff.dsl().get("/captures/" + ids.get(2)).body().contains("id=\"legal-hold\""), "another pupil");

        HttpResponse<String> lifted = staff.dsl().post("/captures/" + ids.get(1) + "/hold/lift",
                Map.of("hold", Long.toString(hold), "lift_reason", "case closed by the police"));
        assertEquals(303, lifted.statusCode());
        assertFalse(staff.dsl().get("/captures/" + ids.get(0)).body().contains("id=\"legal-hold\""));
        assertEquals("pupil held-pupil: case closed by the police",
                Db.text(staff.dataDir(), "SELECT detail FROM audit_log WHERE action = 'hold.lift'"));
    }

    @Test
    void aHoldNeedsAReasonAndADslAndChangesNothingOtherwise() throws Exception {
        long id = staff.send(List.of(Events.valid().setUser("hold-refused").build())).get(0);
        long before = Db.count(staff.dataDir(), "SELECT count(*) FROM legal_holds");

        HttpResponse<String> noReason = staff.dsl().post("/captures/" + id + "/hold", Map.of("scope", "CAPTURE",
                "hold_reason", " "));
        assertEquals(303, noReason.statusCode());
        assertTrue(staff.dsl().get("/captures/" + id).body().contains("Give the reason for placing the hold"));
        assertEquals(403, staff.it().post("/captures/" + id + "/hold", Map.of("scope", "CAPTURE", "hold_reason", "x"))
                .statusCode());
        assertEquals(before, Db.count(staff.dataDir(), "SELECT count(*) FROM legal_holds"));
    }
}
