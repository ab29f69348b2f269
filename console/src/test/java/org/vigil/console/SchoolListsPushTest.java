package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigil.console.cli.TokensCommand;
import org.vigil.console.policy.NoSuchGroup;
import org.vigil.console.policy.SchoolPolicies;
import org.vigil.console.store.School;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Hello;
import org.vigil.proto.v1.Policy;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.WordlistBundle;

/**
 * Lists per school reach their school's devices only (ADR 0193), over real gRPC streams on TLS: a school's change is
 * pushed to its devices and not another school's, a trust change to every school's, each with its school's changes
 * still made, and a device of a school joins that school's own groups only.
 */
class SchoolListsPushTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(600);
    private static final String GAMBLING = "my lucky spin on the slots";

    @RegisterExtension
    static final RunningConsole running = new RunningConsole("school-lists-test-password");
    private static Console console;
    private static GrpcTestClient client;
    private static SchoolPolicies lists;
    private static School main;
    private static School oak;

    @BeforeAll
    static void connect() throws Exception {
        console = running.get();
        client = new GrpcTestClient(console);
        lists = console.services().schoolPolicies();
        main = console.services().schools().byCode("main");
        oak = console.services().schools().create("admin", "oak", "Oak Academy");
    }

    @AfterAll
    static void disconnect() throws Exception {
        client.close();
    }

    @Test
    void aSchoolsChangeReachesItsDevicesAndNoOtherSchoolsAndATrustChangeReachesBoth() throws Exception {
        EnrollResponse mainDevice = client.enroll(console.mintEnrolmentToken("main"));
        EnrollResponse oakDevice = client.enroll(console.mintEnrolmentToken("oak"));
        String trustLists = console.policies().effective(Optional.empty()).version();
        assertEquals(trustLists, versionFor(oak), "a school that changed nothing runs the trust's lists");
        try (DeviceStream mainStream = open(mainDevice, versionFor(main));
             DeviceStream oakStream = open(oakDevice, versionFor(oak))) {
            awaitOpenStream(mainDevice.getDeviceId());
            awaitOpenStream(oakDevice.getDeviceId());

            lists.editFile(oak.id(), lists.layer(oak.id()).version(), "school.txt", "# Oak\noff gambling\n",
                    "oak-it", Optional.of("a primary school"));

            WordlistBundle oakLists = received(oakStream.take(WAIT).getPolicy());
            assertEquals(versionFor(oak), oakLists.version());
            assertNotEquals(trustLists, oakLists.version());
            assertEquals(List.of(), Matcher.compile(oakLists.wordlist()).scan(GAMBLING));
            assertNull(mainStream.poll(QUIET), "main's device is sent nothing: its lists did not change");

            console.policies().editCategory("bullying", console.policies().current().bundle().files()
                    .get("bullying.txt") + "\n3 | told to go away\n", "trust-it", Optional.of("trust-wide term"));

            WordlistBundle mainNow = received(mainStream.take(WAIT).getPolicy());
            WordlistBundle oakNow = received(oakStream.take(WAIT).getPolicy());
            assertEquals(versionFor(main), mainNow.version());
            assertEquals(versionFor(oak), oakNow.version());
            for (WordlistBundle bundle : List.of(mainNow, oakNow)) {
                assertFalse(Matcher.compile(bundle.wordlist()).scan("you were told to go away").isEmpty());
            }
            assertEquals(List.of(), Matcher.compile(oakNow.wordlist()).scan(GAMBLING), "oak's change is kept");
            assertFalse(Matcher.compile(mainNow.wordlist()).scan(GAMBLING).isEmpty());
        }
    }

    @Test
    void aDeviceConnectingIsSentItsSchoolsListsAndJoinsOnlyItsSchoolsOwnGroups() throws Exception {
        School elm = console.services().schools().create("admin", "elm", "Elm Primary");
        lists.editFile(elm.id(), SchoolPolicies.NO_CHANGES, "groups/forest.txt",
                "# Elm's forest school\noff violence-weapons\n", "elm-it", Optional.empty());
        lists.editFile(elm.id(), lists.layer(elm.id()).version(), "school.txt", "off gambling\n", "elm-it",
                Optional.empty());
        EnrollResponse elmDevice = client.enroll(console.mintEnrolmentToken("elm"));
        EnrollResponse mainDevice = client.enroll(console.mintEnrolmentToken("main"));
        String trustLists = console.policies().effective(Optional.empty()).version();
        try (DeviceStream elmStream = open(elmDevice, trustLists)) {
            WordlistBundle onHello = received(elmStream.take(WAIT).getPolicy());
            assertEquals(versionFor(elm), onHello.version(), "sent its school's lists on Hello");
            assertEquals(List.of(), Matcher.compile(onHello.wordlist()).scan(GAMBLING));

            assertTrue(console.groups().move(elmDevice.getDeviceId(), Optional.of("forest"), "elm-it"));
            WordlistBundle forest = received(elmStream.take(WAIT).getPolicy());
            assertEquals(lists.effective(elm.id()).versionFor(Optional.of("forest")), forest.version());
            assertFalse(forest.files().containsKey("violence-weapons.txt"));
            assertEquals(List.of(), Matcher.compile(forest.wordlist()).scan(GAMBLING), "the school's change too");
        }
        assertThrows(NoSuchGroup.class,
                () -> console.groups().move(mainDevice.getDeviceId(), Optional.of("forest"), "main-it"));
        String data = console.dataDir().toString();
        assertFalse(TokensCommand.run(List.of("create", "--group", "forest", "--school", "elm", "--data", data),
                Clock.systemUTC()).isBlank(), "a token of elm's own group, for elm");
        assertThrows(NoSuchGroup.class, () -> TokensCommand.run(List.of("create", "--group", "forest", "--school",
                "main", "--data", data), Clock.systemUTC()));
    }

    private static String versionFor(School school) {
        return lists.effective(school.id()).versionFor(Optional.empty());
    }

    private static WordlistBundle received(Policy pushed) {
        WordlistBundle bundle = WordlistBundle.decode(pushed.getWordlist().toString(StandardCharsets.UTF_8));
        assertEquals(pushed.getVersion(), bundle.version(), "the hash check an agent makes");
        return bundle;
    }

    private static DeviceStream open(EnrollResponse device, String runningVersion) {
        DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret());
        stream.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setPolicyVersion(runningVersion)).build());
        return stream;
    }

    private static void awaitOpenStream(String deviceId) {
        waitUntil(WAIT, "the device's Hello is recorded", () -> Db.text(console.dataDir(),
                "SELECT policy_version FROM devices WHERE id = ?", deviceId) != null);
    }
}
