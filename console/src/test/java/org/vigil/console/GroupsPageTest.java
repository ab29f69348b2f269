package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigil.proto.v1.EnrollResponse;

/** /groups: IT and the DSL create and edit groups, test text per group and move devices; nobody else may. */
class GroupsPageTest {
    private static final String PASSWORD = "groups page test password";

    @RegisterExtension
    static final RunningConsole running = new RunningConsole(PASSWORD);
    private static Console console;
    private static WebSession it;
    private static WebSession viewer;
    private static String deviceId;

    @BeforeAll
    static void start() throws Exception {
        console = running.get();
        WebSession admin = WebSession.signIn(console, "admin", PASSWORD);
        it = WebSession.newUser(console, admin, "it-tech", "IT_ADMIN");
        viewer = WebSession.newUser(console, admin, "chair-of-governors", "VIEWER");
        try (GrpcTestClient client = new GrpcTestClient(console)) {
            EnrollResponse device = client.enroll(console.mintEnrolmentToken());
            deviceId = device.getDeviceId();
        }
    }

    @Test
    void itCreatesAGroupTestsTextAgainstItAndMovesADeviceIntoIt() throws Exception {
        HttpResponse<String> created = it.post("/groups/edit", Map.of("group", "ks1", "text",
                "# KS1: ages 5 to 7\noff gambling\nseverity bullying +1\n", "reason", "younger pupils"));
        assertEquals(200, created.statusCode(), created.body());
        assertTrue(created.body().contains("Published version"), created.body());
        assertTrue(created.body().contains("off: gambling; severity bullying +1"), created.body());
        assertEquals(1, Db.count(console.dataDir(), "SELECT count(*) FROM audit_log WHERE action = 'policy.edit'"
                + " AND actor = 'it-tech' AND detail = 'younger pupils'"));

        String forKs1 = it.post("/groups/test", Map.of("group", "ks1", "sample", "i won on bet365")).body();
        assertTrue(forKs1.contains("No entry matches."), forKs1);
        String forEveryone = it.post("/groups/test", Map.of("group", "", "sample", "i won on bet365")).body();
        assertTrue(forEveryone.contains("\"bet365\""), forEveryone);

        HttpResponse<String> moved = it.post("/groups/move", Map.of("device", deviceId, "group", "ks1"));
        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals("ks1", Db.text(console.dataDir(), "SELECT policy_group FROM devices WHERE id = ?", deviceId));
        String lists = it.get("/groups?lists=ks1").body();
        assertTrue(lists.contains(console.policies().effective(Optional.of("ks1")).version()), lists);
        assertFalse(lists.contains("<summary>gambling.txt</summary>"), "KS1's lists have no gambling file");

        HttpResponse<String> removal = it.post("/groups/remove", Map.of("group", "ks1"));
        assertEquals(409, removal.statusCode(), "a group with devices stays");
        assertTrue(console.policies().groups().contains("ks1"));
    }

    @Test
    void theDevicesPageShowsEachDevicesGroupAndMovesIt() throws Exception {
        console.policies().editGroup("staff", "# Staff laptops\n", "it-tech", Optional.empty());
        HttpResponse<String> moved = it.post("/devices/" + deviceId + "/group", Map.of("group", "staff"));
        assertEquals(303, moved.statusCode(), moved.body());
        String page = it.get("/devices").body();
        assertTrue(page.contains("<option value=\"staff\" selected>staff</option>"), page);
        assertTrue(page.contains("Moved " + deviceId + " to staff"), page);
        assertEquals(1, Db.count(console.dataDir(), "SELECT count(*) FROM audit_log WHERE action = 'device.move'"
                + " AND target = ? AND detail LIKE '% -> staff'", "device:" + deviceId));
        assertEquals(400, it.post("/devices/" + deviceId + "/group", Map.of("group", "ks9")).statusCode());
        assertEquals(404, it.post("/devices/no-such-device/group", Map.of("group", "staff")).statusCode());
        assertEquals(403, viewer.post("/devices/" + deviceId + "/group", Map.of("group", "")).statusCode());
        assertEquals("staff", Db.text(console.dataDir(), "SELECT policy_group FROM devices WHERE id = ?", deviceId));
    }

    @Test
    void aGroupFileThatCannotBeUsedIsRefusedWithItsLineAndNothingChanges() throws Exception {
        String before = console.policies().current().change().version();
        HttpResponse<String> refused = it.post("/groups/edit", Map.of("group", "ks2", "text",
                "# KS2\nadd gambling | 9 | <script>x</script>\n"));
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("groups/ks2.txt:2: severity must be a number from 1 to 5"), refused.body());
        assertFalse(refused.body().contains("<script>x</script>"), "the submitted text is escaped");
        assertEquals(before, console.policies().current().change().version());
        assertEquals(400, it.post("/groups/move", Map.of("device", deviceId, "group", "no-such-group")).statusCode());
    }

    @Test
    void aViewerMayNotSeeOrChangeGroupsAndAFormWithoutTheCsrfTokenChangesNothing() throws Exception {
        assertEquals(403, viewer.get("/groups").statusCode());
        assertEquals(403, viewer.post("/groups/edit", Map.of("group", "sneaky", "text", "")).statusCode());
        assertEquals(403, it.postRaw("/groups/edit", Map.of("group", "sneaky", "text", "")).statusCode());
        assertFalse(console.policies().groups().contains("sneaky"));
    }
}
