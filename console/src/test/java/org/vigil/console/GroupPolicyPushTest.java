package org.vigil.console;

import org.vigil.console.cli.TokensCommand;
import org.vigil.console.cli.DevicesCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.vigil.testing.WaitUntil.waitUntil;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigil.console.policy.NoSuchGroup;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Hello;
import org.vigil.proto.v1.Policy;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.WordlistBundle;
import org.vigil.wordlists.WordlistFormatException;

/**
 * Each device runs its group's lists: it is sent them on Hello, when its group's changes are published, and when it
 * moves group (in the console or with the command line); devices in other groups are sent nothing.
 */
class GroupPolicyPushTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(600);

    @RegisterExtension
    static final RunningConsole running = new RunningConsole("group-policy-test-password");
    private static Console console;
    private static Path dataDir;
    private static GrpcTestClient client;

    @BeforeAll
    static void connect() throws Exception {
        console = running.get();
        dataDir = console.dataDir();
        client = new GrpcTestClient(console);
        console.policies().editGroup("ks1", "# KS1: ages 5 to 7\noff gambling\n", "it-alice", Optional.empty());
        console.policies().editGroup("staff", "# Staff\n", "it-alice", Optional.empty());
    }

    @AfterAll
    static void disconnect() throws Exception {
        client.close();
    }

    @Test
    void aDeviceEnrolledWithAGroupsTokenIsSentItsGroupsListsOnHello() throws Exception {
        EnrollResponse device = client.enroll(groupToken("ks1"));
        try (DeviceStream stream = open(device, WordlistBundle.defaults().version())) {
            Policy pushed = stream.take(WAIT).getPolicy();
            WordlistBundle lists = WordlistBundle.decode(pushed.getWordlist().toString(StandardCharsets.UTF_8));
            assertEquals(pushed.getVersion(), lists.version());
            assertEquals(console.policies().effective(Optional.of("ks1")), lists);
            assertFalse(lists.files().containsKey("gambling.txt"), "gambling is off for KS1");
            assertEquals(List.of(), Matcher.compile(lists.wordlist()).scan("my lucky spin on the slots"));
            assertEquals("ks1", Db.text(dataDir, "SELECT policy_group FROM devices WHERE id = ?", device.getDeviceId()));
        }
    }

    @Test
    void publishingOneGroupsChangeReachesItsDevicesAndNoOtherDevice() throws Exception {
        EnrollResponse staff = client.enroll(groupToken("staff"));
        EnrollResponse pupil = client.enroll(console.mintEnrolmentToken());
        String before = console.policies().effective(Optional.empty()).version();
        assertEquals(before, console.policies().effective(Optional.of("staff")).version(), "no changes yet");
        try (DeviceStream staffStream = open(staff, before); DeviceStream pupilStream = open(pupil, before)) {
            assertNull(staffStream.poll(QUIET), "already runs its lists");

            console.policies().editGroup("staff", "# Staff\nadd violence-weapons | 2 | detention\n", "it-alice",
                    Optional.of("staff conduct"));

            Policy pushed = staffStream.take(WAIT).getPolicy();
            assertEquals(console.policies().effective(Optional.of("staff")).version(), pushed.getVersion());
            assertNotEquals(before, pushed.getVersion());
            assertNull(pupilStream.poll(QUIET), "a device in no group is sent nothing");
        }
    }

    @Test
    void movingADeviceSendsItsNewGroupsListsAndIsAudited() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        try (DeviceStream stream = open(device, console.policies().effective(Optional.empty()).version())) {
            awaitOpenStream(device.getDeviceId());
            assertTrue(console.groups().move(device.getDeviceId(), Optional.of("ks1"), "it-alice"));

            assertEquals(console.policies().effective(Optional.of("ks1")).version(),
                    stream.take(WAIT).getPolicy().getVersion());
            assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'device.move'"
                    + " AND actor = 'it-alice' AND target = ? AND detail = '(no group) -> ks1'",
                    "device:" + device.getDeviceId()));
            assertThrows(NoSuchGroup.class,
                    () -> console.groups().move(device.getDeviceId(), Optional.of("ks9"), "it-alice"));
            assertEquals("ks1", Db.text(dataDir, "SELECT policy_group FROM devices WHERE id = ?",
                    device.getDeviceId()), "a refused move changes nothing");
        }
    }

    @Test
    void aMoveMadeWithTheDevicesCommandReachesTheDeviceWithinSeconds() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        try (DeviceStream stream = open(device, console.policies().effective(Optional.empty()).version())) {
            awaitOpenStream(device.getDeviceId());
            String said = DevicesCommand.run(List.of("move", device.getDeviceId(), "--group", "ks1", "--data",
                    dataDir.toString()), Clock.systemUTC());

            assertEquals("moved device " + device.getDeviceId() + " to ks1", said.strip());
            assertEquals(console.policies().effective(Optional.of("ks1")).version(),
                    stream.take(WAIT).getPolicy().getVersion());
        }
    }

    @Test
    void aGroupFileThatCannotBeUsedIsRefusedWithItsLineAndChangesNothing() {
        String before = console.policies().current().change().version();
        WordlistFormatException refused = assertThrows(WordlistFormatException.class, () -> console.policies()
                .editGroup("ks2", "# KS2\nseverity bullying +1\noff gamblng\n", "it-alice", Optional.empty()));
        assertEquals("groups/ks2.txt:3: there is no category \"gamblng\" in the lists", refused.getMessage());
        assertEquals(before, console.policies().current().change().version());
        assertThrows(WordlistFormatException.class, () -> console.policies()
                .editGroup("KS 2", "", "it-alice", Optional.empty()));
        assertThrows(NoSuchGroup.class, () -> TokensCommand.run(List.of("create", "--group", "ks9",
                "--data", dataDir.toString()), Clock.systemUTC()));
    }

    private static String groupToken(String group) {
        return TokensCommand.run(List.of("create", "--group", group, "--data", dataDir.toString()),
                Clock.systemUTC()).strip();
    }

    private static DeviceStream open(EnrollResponse device, String runningVersion) {
        DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret());
        stream.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setPolicyVersion(runningVersion)).build());
        return stream;
    }

    /** The Hello has been handled once the device's reported version is recorded. */
    private static void awaitOpenStream(String deviceId) {
        waitUntil(WAIT, "the device's Hello is recorded",
                () -> Db.text(dataDir, "SELECT policy_version FROM devices WHERE id = ?", deviceId) != null);
    }
}
