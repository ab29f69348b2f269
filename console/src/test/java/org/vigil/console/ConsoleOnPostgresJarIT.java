package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.store.postgresql.TestPostgres;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;

/**
 * The shaded jar on PostgreSQL, in processes of its own as an operator runs it (issue 17): {@code serve --db},
 * then the admin commands with {@code --db}, an agent enrolled over gRPC/TLS whose event arrives twice and is
 * stored once, a DSL signed in over HTTPS who triages it, {@code audit verify} and {@code retention run}.
 */
@Tag("e2e")
class ConsoleOnPostgresJarIT {
    private static final Pattern READY = Pattern.compile(
            "Vigil console ready: http=(https://127\\.0\\.0\\.1:\\d+/) grpc=([^:\\s]+):(\\d+)");
    private static final Pattern ONE_TIME = Pattern.compile("one-time password for dsl1: (\\S+)");

    @TempDir
    Path dir;

    @Test
    void theJarServesFromPostgresqlAndItsCommandsWorkOnTheSameDatabase() throws Exception {
        Assumptions.assumeTrue(TestPostgres.server().isPresent(), TestPostgres::unavailableReason);
        try (TestPostgres.Fresh database = TestPostgres.emptyDatabase(TestPostgres.server().orElseThrow())) {
            Path data = dir.resolve("data");
            Path credentials = dir.resolve("db-credentials");
            Files.writeString(credentials, database.credentials().user() + "\n" + database.credentials().password()
                    + "\n");
            Files.setPosixFilePermissions(credentials, PosixFilePermissions.fromString("rw-------"));
            List<String> db = List.of("--data", data.toString(), "--db", database.url().toString(),
                    "--db-credentials", credentials.toString());

            ProcessBuilder serve = new ProcessBuilder(command("serve", "--data", data.toString(), "--db",
                    database.url().toString(), "--http-port", "0", "--grpc-port", "0", "--bind", "127.0.0.1",
                    "--screenshots", "postgresql"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            // serve takes its credentials from the environment, the commands below from the file
            serve.environment().put("VIGIL_DB_USER", database.credentials().user());
            serve.environment().put("VIGIL_DB_PASSWORD", database.credentials().password());
            serve.environment().put(ConsoleConfig.ADMIN_PASSWORD_ENV, "jar test: plum kettle lantern");
            Process console = serve.start();
            try {
                Matcher ready = awaitReady(console.getInputStream());
                X509Certificate ca = ca(data.resolve("tls").resolve("ca.pem"));
                int grpcPort = Integer.parseInt(ready.group(3));

                String added = run("users", "add", "dsl1", "--role", "DSL", db);
                Matcher oneTime = ONE_TIME.matcher(added);
                assertTrue(oneTime.find(), added);
                assertTrue(run("users", "list", db).contains("dsl1"));
                Properties config = new Properties();
                config.load(new java.io.StringReader(run("agent-config", db)));
                assertTrue(run("tokens", "list", db).contains("agent-config"));

                Event event = Events.withScreenshot().build();
                String deviceId;
                try (GrpcTestClient agent = new GrpcTestClient(ca, grpcPort)) {
                    EnrollResponse enrolled = agent.enroll(config.getProperty("enrolment.token"));
                    deviceId = enrolled.getDeviceId();
                    try (DeviceStream stream = new DeviceStream(agent, deviceId, enrolled.getDeviceSecret())) {
                        stream.send(event);
                        stream.send(event); // sent again, as an agent does when an ack is lost
                        for (int i = 0; i < 2; i++) {
                            ConsoleMessage ack = stream.take(Duration.ofSeconds(30));
                            assertEquals(event.getEventId(), ack.getAck().getEventId(), ack.toString());
                        }
                    }
                }
                assertEquals(1, count(database, "SELECT count(*) FROM captures WHERE event_id = ?", event.getEventId()),
                        "the duplicate is stored once");
                assertEquals(1, count(database, "SELECT count(*) FROM screenshot_images"), "the image in the database");
                assertTrue(run("devices", "list", db).contains("lab-pc-07"));

                long captureId = count(database, "SELECT id FROM captures WHERE event_id = ?", event.getEventId());
                WebSession dsl = new WebSession(ready.group(1), data, ca);
                dsl.signInAttempt("dsl1", oneTime.group(1));
                dsl.refreshCsrf("/account/password");
                String chosen = "dsl1 passphrase on postgres";
                var changed = dsl.post("/account/password", Map.of("current", oneTime.group(1), "password", chosen,
                        "repeat", chosen));
                assertEquals(303, changed.statusCode(), changed.body());
                dsl.refreshCsrf(dsl.completeSignIn("dsl1", dsl.location(changed)));
                assertEquals(200, dsl.get("/captures/" + captureId).statusCode());
                var moved = dsl.post("/captures/" + captureId + "/status", Map.of("status", "IN_REVIEW"));
                assertEquals(303, moved.statusCode(), moved.body());
                assertEquals(1, count(database, "SELECT count(*) FROM captures WHERE id = ? AND status = 'IN_REVIEW'",
                        captureId));
                assertTrue(count(database, "SELECT count(*) FROM audit_log WHERE actor = 'dsl1'") > 0);

                String verified = run("audit", "verify", db);
                assertTrue(verified.contains("audit log intact"), verified);
                String purged = run("retention", "run", db);
                assertTrue(purged.contains("screenshots of decided captures: 0"), purged);
                assertTrue(purged.contains("screenshot files no capture uses: 0"), purged);
                assertEquals(1, count(database, "SELECT count(*) FROM screenshot_images"), "in use: kept");
                assertTrue(run("audit", "verify", db).contains("audit log intact"));
            } finally {
                console.destroy();
                if (!console.waitFor(20, TimeUnit.SECONDS)) {
                    console.destroyForcibly();
                }
            }
        }
    }

    /** Runs a command of the jar; fails unless it exits 0; returns what it printed. */
    private static String run(String first, Object... rest) throws Exception {
        List<String> args = new ArrayList<>(List.of(first));
        for (Object part : rest) {
            if (part instanceof List<?> list) {
                list.forEach(item -> args.add(item.toString()));
            } else {
                args.add(part.toString());
            }
        }
        Path errors = Files.createTempFile("vigil-command", ".err");
        try {
            Process process = new ProcessBuilder(command(args.toArray(String[]::new)))
                    .redirectError(errors.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), args.toString());
            assertEquals(0, process.exitValue(), args + ": " + out + Files.readString(errors));
            return out;
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static List<String> command(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", System.getProperty("vigil.console.jar")));
        command.addAll(List.of(args));
        return command;
    }

    private static Matcher awaitReady(InputStream stdout) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
            Matcher ready = READY.matcher(line);
            if (ready.matches()) {
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("Screenshots: the table screenshot_images in"
                        + " postgresql://")), lines.toString());
                return ready;
            }
        }
        throw new AssertionError("no ready line in " + lines);
    }

    private static X509Certificate ca(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static long count(TestPostgres.Fresh database, String sql, Object... args) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url().jdbcUrl(),
                database.credentials().user(), database.credentials().password());
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
