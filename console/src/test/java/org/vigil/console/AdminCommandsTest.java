package org.vigil.console;

import org.vigil.console.request.InvalidRequest;
import org.vigil.console.cli.TokensCommand;
import org.vigil.console.cli.DevicesCommand;
import org.vigil.console.cli.UsersCommand;
import org.vigil.console.cli.WordlistsCommand;
import org.vigil.console.cli.AgentConfigCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Hello;

class AdminCommandsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dataDir;

    /** The commands work on a console {@code serve} has made. */
    @BeforeEach
    void makeConsole() {
        ConsoleHome.openOrCreate(dataDir).close();
    }

    @Test
    void everyCommandRefusesADataDirectoryWithNoConsoleAndMakesNothingThere() throws Exception {
        Path typo = dataDir.resolve("typo").resolve("vigil-data");
        Path empty = Files.createDirectories(dataDir.resolve("empty"));
        for (Path dir : List.of(typo, empty)) {
            String data = dir.toString();
            List<Executable> commands = List.of(
                    () -> TokensCommand.run(List.of("list", "--data", data), Clock.systemUTC()),
                    () -> DevicesCommand.run(List.of("list", "--data", data), Clock.systemUTC()),
                    () -> UsersCommand.run(List.of("list", "--data", data), Clock.systemUTC()),
                    () -> UsersCommand.run(List.of("reset-password", "admin", "--data", data), Clock.systemUTC()),
                    () -> WordlistsCommand.run(List.of("log", "--data", data), Clock.systemUTC(), "cli:test"),
                    () -> AgentConfigCommand.run(AgentConfigCommand.Options.fromArgs(List.of("--data", data))));
            for (Executable command : commands) {
                IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, command);
                assertEquals("no console in " + dir.toAbsolutePath() + " (no vigil.db there): check --data, or make"
                        + " a console there first with: vigil-console serve --data " + data, refused.getMessage());
            }
        }
        assertFalse(Files.exists(typo.getParent()), "no directory made");
        try (var left = Files.list(empty)) {
            assertEquals(List.of(), left.toList(), "no database or keys made");
        }
    }

    @Test
    void aCommandClosesTheDatabaseWhenItIsDone() {
        TokensCommand.run(args("create", "--data", "DATA"), Clock.systemUTC());
        assertFalse(Files.exists(dataDir.resolve("vigil.db-wal")), "no connection left open on the file");
        assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM enrolment_tokens"));
    }

    private List<String> args(String... words) {
        return List.of(words).stream().map(w -> w.equals("DATA") ? dataDir.toString() : w).toList();
    }

    @Test
    void aCreatedTokenEnrolsUntilItIsRevokedAndTheListSaysSo() throws Exception {
        try (Console console = Console.start(ConsoleConfig.onLoopback(dataDir).withPlainHttp());
             GrpcTestClient client = new GrpcTestClient(console)) {
            String token = TokensCommand.run(args("create", "--data", "DATA", "--note", "year 9 laptops"),
                    Clock.systemUTC()).strip();
            client.enroll(token);

            String list = TokensCommand.run(args("list", "--data", "DATA"), Clock.systemUTC());
            String row = list.lines().filter(l -> l.endsWith("year 9 laptops")).findFirst().orElseThrow();
            assertTrue(row.contains("\tusable\t"), row);
            assertTrue(row.contains("\t1\tyear 9 laptops"), "one device enrolled with it: " + row);

            String id = row.substring(0, row.indexOf('\t'));
            TokensCommand.run(args("revoke", id, "--data", "DATA"), Clock.systemUTC());
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> client.enroll(token));
            assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
            assertTrue(TokensCommand.run(args("list", "--data", "DATA"), Clock.systemUTC()).contains(id + "\trevoked\t"));
            assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'token.create'"
                    + " AND target = ? AND actor LIKE 'cli:%'", "token:" + id));
            assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'token.revoke'"
                    + " AND target = ?", "token:" + id));
        }
    }

    @Test
    void aTokenPastItsDateIsListedAsExpired() {
        TokensCommand.run(args("create", "--data", "DATA", "--expires-days", "1"), Clock.systemUTC());
        Clock twoDaysOn = Clock.fixed(Instant.now().plus(Duration.ofDays(2)), ZoneOffset.UTC);
        assertTrue(TokensCommand.run(args("list", "--data", "DATA"), twoDaysOn).contains("\texpired\t"));
    }

    @Test
    void devicesListShowsSpoolStateAndFlagsSilentDevicesAndRevokeEndsTheLiveStream() throws Exception {
        try (Console console = Console.start(ConsoleConfig.onLoopback(dataDir).withPlainHttp());
             GrpcTestClient client = new GrpcTestClient(console)) {
            EnrollResponse device = client.enroll(console.mintEnrolmentToken());
            try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
                stream.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setSpoolDepth(12)
                        .setAgentVersion("0.3.0")).build());
                stream.send(Events.valid().build());
                stream.take(WAIT);
                // a Hello is written with the next batch of heartbeats, never on the stream's thread
                waitUntil(WAIT, "the Hello is recorded", () -> "0.3.0".equals(Db.text(dataDir,
                        "SELECT agent_version FROM devices WHERE id = ?", device.getDeviceId())));

                String now = DevicesCommand.run(args("list", "--data", "DATA"), Clock.systemUTC());
                String row = now.lines().filter(l -> l.startsWith(device.getDeviceId())).findFirst().orElseThrow();
                assertTrue(row.contains("\tok\t"), row);
                assertTrue(row.contains("\t0.3.0\t"), row);
                assertTrue(row.endsWith("\t12\t0\t0\t0\t1"), "spool depth 12, no drops, 1 capture: " + row);

                Clock twoHoursOn = Clock.fixed(Instant.now().plus(Duration.ofHours(2)), ZoneOffset.UTC);
                assertTrue(DevicesCommand.run(args("list", "--data", "DATA", "--silent-after-minutes", "60"), twoHoursOn)
                        .contains(device.getDeviceId() + "\tSILENT\t"));
                assertTrue(DevicesCommand.run(args("list", "--data", "DATA"), twoHoursOn)
                        .contains(device.getDeviceId() + "\tok\t"), "silent only after the console's 72 hours");

                DevicesCommand.run(args("revoke", device.getDeviceId(), "--reason", "lost on a school trip",
                        "--data", "DATA"), Clock.systemUTC());
                assertEquals(Status.Code.UNAUTHENTICATED, stream.awaitEnd(WAIT).getCode());
                assertTrue(DevicesCommand.run(args("list", "--data", "DATA"), Clock.systemUTC())
                        .contains(device.getDeviceId() + "\tREVOKED\t"));
                assertEquals(1, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE action = 'device.revoke'"
                        + " AND target = ? AND detail = 'lost on a school trip' AND actor LIKE 'cli:%'",
                        "device:" + device.getDeviceId()));
                assertEquals("device " + device.getDeviceId() + " was already revoked: nothing changed\n",
                        DevicesCommand.run(args("revoke", device.getDeviceId(), "--reason", "again", "--data", "DATA"),
                                Clock.systemUTC()));
            }
        }
    }

    @Test
    void devicesListShowsWhichPolicyEachDeviceRunsAndWhoIsBehind() throws Exception {
        try (Console console = Console.start(ConsoleConfig.onLoopback(dataDir).withPlainHttp());
             GrpcTestClient client = new GrpcTestClient(console)) {
            String current = console.policies().current().change().version();
            EnrollResponse behind = client.enroll(console.mintEnrolmentToken());
            EnrollResponse upToDate = client.enroll(console.mintEnrolmentToken());
            try (DeviceStream old = new DeviceStream(client, behind.getDeviceId(), behind.getDeviceSecret());
                 DeviceStream fresh = new DeviceStream(client, upToDate.getDeviceId(), upToDate.getDeviceSecret())) {
                old.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setPolicyVersion("0123456789abcdef"))
                        .build());
                assertEquals(current, old.take(WAIT).getPolicy().getVersion());
                fresh.send(AgentMessage.newBuilder().setHello(Hello.newBuilder().setPolicyVersion(current)).build());
                fresh.send(Events.valid().build());
                fresh.take(WAIT);
                waitUntil(WAIT, "both Hellos are recorded", () -> Db.count(dataDir,
                        "SELECT count(*) FROM devices WHERE policy_version IS NOT NULL AND id IN (?, ?)",
                        behind.getDeviceId(), upToDate.getDeviceId()) == 2);

                String list = DevicesCommand.run(args("list", "--data", "DATA"), Clock.systemUTC());
                assertTrue(list.lines().anyMatch(l -> l.startsWith(behind.getDeviceId())
                        && l.contains("\t0123456789ab BEHIND\t")), list);
                assertTrue(list.lines().anyMatch(l -> l.startsWith(upToDate.getDeviceId())
                        && l.contains("\t" + current.substring(0, 12) + "\t")), list);
            }
        }
    }

    @Test
    void badArgumentsSayWhatIsWanted() {
        IllegalArgumentException noAction = assertThrows(IllegalArgumentException.class,
                () -> TokensCommand.run(args("--data", "DATA"), Clock.systemUTC()));
        assertEquals("tokens needs one of: create, list, revoke", noAction.getMessage());
        InvalidRequest unknown = assertThrows(InvalidRequest.class,
                () -> DevicesCommand.run(args("revoke", "no-such-device", "--reason", "gone", "--data", "DATA"),
                        Clock.systemUTC()));
        assertEquals("There is no device no-such-device.", unknown.getMessage());
        IllegalArgumentException noReason = assertThrows(IllegalArgumentException.class,
                () -> DevicesCommand.run(args("revoke", "no-such-device", "--data", "DATA"), Clock.systemUTC()));
        assertEquals("revoke needs --reason TEXT (kept in the audit log)", noReason.getMessage());
    }
}
