package org.vigil.console;

import org.vigil.console.cli.AgentConfigCommand;
import org.vigil.console.cli.DevicesCommand;
import org.vigil.console.cli.ServeCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.tls.MachineName;
import org.vigil.proto.v1.EnrollResponse;

class AgentConfigCommandTest {
    @TempDir
    Path dataDir;

    @Test
    void agentConfigCarriesTheConsolesFingerprintAndATokenThatEnrols() throws Exception {
        try (Console console = Console.start(ConsoleConfig.onLoopback(dataDir).withPlainHttp())) {
            String text = AgentConfigCommand.run(AgentConfigCommand.Options.fromArgs(List.of("--data", dataDir.toString())));
            assertTrue(text.startsWith("# Vigil agent configuration, made by the console on "), text);
            Properties config = new Properties();
            config.load(new StringReader(text));
            assertEquals(console.caFingerprint().toString(), config.getProperty("console.ca.sha256"));
            assertEquals(MachineName.get() + ":" + console.grpcPort(), config.getProperty("console.address"));
            try (GrpcTestClient client = new GrpcTestClient(console)) {
                EnrollResponse enrolled = client.enroll(config.getProperty("enrolment.token"));
                assertFalse(enrolled.getDeviceId().isEmpty());
            }
        }
    }

    @Test
    void agentConfigWhileTheConsoleIsStoppedUsesTheCaItWillServeWith() throws Exception {
        Path fresh = dataDir.resolve("new-dir");
        ConsoleHome.openOrCreate(fresh).close();
        String text = AgentConfigCommand.run(new AgentConfigCommand.Options(fresh, Optional.of("console.school.example:9443"), 7,
                Optional.empty()));
        Properties config = new Properties();
        config.load(new StringReader(text));
        assertEquals("console.school.example:9443", config.getProperty("console.address"));
        try (Console console = Console.start(ConsoleConfig.onLoopback(fresh).withPlainHttp())) {
            assertEquals(console.caFingerprint().toString(), config.getProperty("console.ca.sha256"));
            try (GrpcTestClient client = new GrpcTestClient(console)) {
                assertFalse(client.enroll(config.getProperty("enrolment.token")).getDeviceSecret().isEmpty());
            }
        }
    }

    @Test
    void agentConfigForASchoolEnrolsDevicesIntoItAndMoveSchoolTakesOneBack() throws Exception {
        Path fresh = dataDir.resolve("trust");
        ConsoleHome.openOrCreate(fresh).close();
        try (ConsoleServices services = ConsoleServices.open(fresh, Clock.systemUTC())) {
            services.schools().create("admin", "oak", "Oak Academy");
        }
        String text = AgentConfigCommand.run(AgentConfigCommand.Options.fromArgs(List.of("--data", fresh.toString(),
                "--school", "oak")));
        assertTrue(text.contains("# Devices enrolled with this file belong to school oak (Oak Academy)."), text);
        assertThrows(InvalidRequest.class, () -> AgentConfigCommand.run(AgentConfigCommand.Options.fromArgs(
                List.of("--data", fresh.toString(), "--school", "nowhere"))));
        Properties config = new Properties();
        config.load(new StringReader(text));
        String deviceId;
        try (Console console = Console.start(ConsoleConfig.onLoopback(fresh).withPlainHttp());
             GrpcTestClient client = new GrpcTestClient(console)) {
            deviceId = client.enroll(config.getProperty("enrolment.token")).getDeviceId();
        }
        assertEquals(2, Db.count(fresh, "SELECT school_id FROM devices WHERE id = ?", deviceId), "the token's school");

        String moved = DevicesCommand.run(List.of("move-school", deviceId, "--to", "main", "--data",
                fresh.toString()), Clock.systemUTC());
        assertEquals("moved device " + deviceId + " from school oak to main; its captures so far stay with oak\n",
                moved);
        assertEquals(1, Db.count(fresh, "SELECT school_id FROM devices WHERE id = ?", deviceId));
        assertEquals("oak -> main; its captures so far stay with oak", Db.text(fresh, "SELECT detail FROM audit_log"
                + " WHERE action = 'device.school' AND actor LIKE 'cli:%'"));
        assertThrows(InvalidRequest.class, () -> DevicesCommand.run(List.of("move-school", deviceId, "--to", "main",
                "--data", fresh.toString()), Clock.systemUTC()), "already there");
    }

    @Test
    void serveOptionsAreParsedWithDefaults() {
        ConsoleConfig config = ServeCommand.config(List.of("--http-port", "0", "--grpc-port=0"), Map.of(
                ConsoleConfig.ADMIN_PASSWORD_ENV, "from-env"));
        assertEquals(Path.of("vigil-data"), config.dataDir());
        assertEquals(0, config.httpPort());
        assertEquals(0, config.grpcPort());
        assertEquals("0.0.0.0", config.bindAddress());
        assertEquals(Optional.of("from-env"), config.adminPassword());
    }
}
