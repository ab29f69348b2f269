package org.vigil.console;

import org.vigil.console.cli.WordlistsCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import static org.vigil.testing.WaitUntil.waitUntil;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Heartbeat;
import org.vigil.proto.v1.Hello;
import org.vigil.proto.v1.Policy;
import org.vigil.wordlists.WordlistBundle;

/** Policy travels to agents on their existing stream: on Hello when they run another version, and on publish. */
class PolicyPushTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(500);

    @RegisterExtension
    static final RunningConsole running = new RunningConsole("policy-push-test-password");
    private static Path dataDir;
    private static Console console;
    private static GrpcTestClient client;

    @BeforeAll
    static void connect() throws Exception {
        console = running.get();
        dataDir = console.dataDir();
        client = new GrpcTestClient(console);
    }

    @AfterAll
    static void disconnect() throws Exception {
        client.close();
    }

    @Test
    void agentRunningAnotherVersionGetsTheCurrentPolicyOnHelloAndItsVersionIsRecorded() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            stream.send(hello("an-old-version"));
            Policy pushed = stream.take(WAIT).getPolicy();

            String current = console.policies().current().change().version();
            assertEquals(current, pushed.getVersion());
            WordlistBundle bundle = WordlistBundle.decode(pushed.getWordlist().toString(StandardCharsets.UTF_8));
            assertEquals(current, bundle.version());
            assertEquals(console.policies().current().bundle(), bundle);
            awaitRecordedVersion(device.getDeviceId(), "an-old-version");

            stream.send(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setPolicyVersion(current)).build());
            awaitRecordedVersion(device.getDeviceId(), current);
        }
    }

    @Test
    void agentAlreadyOnTheCurrentVersionOrNamingNoneIsSentNothing() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            stream.send(hello(console.policies().current().change().version()));
            stream.send(hello(""));
            assertNull(stream.poll(QUIET));
        }
    }

    @Test
    void publishingSendsTheNewVersionOnEveryOpenStream() throws Exception {
        List<DeviceStream> streams = new ArrayList<>();
        try {
            String current = console.policies().current().change().version();
            for (int i = 0; i < 20; i++) {
                EnrollResponse device = client.enroll(console.mintEnrolmentToken());
                DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret());
                streams.add(stream);
                stream.send(hello(current));
            }
            awaitOpenStreams(streams.size());

            String published = console.policies().editCategory("gambling", "3 | fruit machine\n", "it-alice",
                    Optional.of("test")).current().version();

            for (DeviceStream stream : streams) {
                ConsoleMessage message = stream.take(WAIT);
                assertEquals(published, message.getPolicy().getVersion());
            }
        } finally {
            streams.forEach(DeviceStream::close);
        }
    }

    @Test
    void aChangeMadeWithTheWordlistsCommandReachesOpenStreamsWithinSeconds() throws Exception {
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
            stream.send(hello(console.policies().current().change().version()));
            awaitOpenStreams(1);
            Path edit = dataDir.resolve("gambling-edit.txt");
            Files.writeString(edit, "3 | lucky spin\n");

            String said = WordlistsCommand.run(List.of("edit", "gambling", "--file", edit.toString(), "--reason",
                    "from the command line", "--data", dataDir.toString()), Clock.systemUTC(), "cli:test");

            String published = said.strip().substring(said.strip().lastIndexOf(' ') + 1);
            assertEquals("published policy version " + published, said.strip());
            ConsoleMessage message = stream.take(WAIT);
            assertEquals(published, message.getPolicy().getVersion());
        }
    }

    private static AgentMessage hello(String policyVersion) {
        return AgentMessage.newBuilder().setHello(Hello.newBuilder().setPolicyVersion(policyVersion)).build();
    }

    private static void awaitOpenStreams(int atLeast) {
        waitUntil(WAIT, atLeast + " streams open", () -> console.liveStreams() >= atLeast);
    }

    private static void awaitRecordedVersion(String deviceId, String version) {
        waitUntil(WAIT, "device " + deviceId + " recorded as running " + version,
                () -> version.equals(Db.text(dataDir, "SELECT policy_version FROM devices WHERE id = ?", deviceId)));
    }
}
