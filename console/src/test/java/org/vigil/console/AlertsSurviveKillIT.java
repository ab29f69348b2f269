package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.tls.Pem;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;

/**
 * The console jar killed with SIGKILL while alerts wait for a mail server that is down and a webhook that answers
 * 500, then started again with both working: every alert arrives exactly once (counted by alert id). Real processes,
 * real SMTP (GreenMail), a real HTTP receiver.
 */
@Tag("e2e")
class AlertsSurviveKillIT {
    private static final Pattern READY = Pattern.compile(
            "Vigil console ready: http=http://127\\.0\\.0\\.1:(\\d+)/ grpc=([^:\\s]+):(\\d+)");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int CAPTURES = 3;

    @TempDir
    Path dataDir;
    private int smtpPort;
    private GreenMail smtp;
    private Process console;
    private HttpServer receiver;
    private final AtomicInteger receiverStatus = new AtomicInteger(500);
    private final Map<String, Integer> webhookAccepted = new ConcurrentHashMap<>();

    @AfterEach
    void stop() throws Exception {
        if (console != null) {
            console.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (smtp != null) {
            smtp.stop();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void alertsPendingWhenTheConsoleIsKilledAreDeliveredOnceAfterTheRestart() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            smtpPort = socket.getLocalPort();
        }
        startReceiver();
        int grpcPort = serve();
        addDsl("dsl-one", "dsl.one@school.example");
        addDsl("dsl-two", "dsl.two@school.example");
        String token = enrolmentToken();
        try (GrpcTestClient client = new GrpcTestClient(
                Pem.parseCertificate(Files.readString(dataDir.resolve("tls").resolve("ca.pem"))), grpcPort)) {
            EnrollResponse device = client.enroll(token);
            try (DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret())) {
                for (int seq = 1; seq <= CAPTURES; seq++) {
                    Event event = Events.valid().setSeverity(5).setSeq(seq).build();
                    stream.send(event);
                    assertEquals(event.getEventId(), stream.take(WAIT).getAck().getEventId());
                }
            }
        }
        waitUntil(WAIT, "the console tried to send and failed", () -> count(
                "SELECT count(*) FROM alert_outbox WHERE channel = 'EMAIL' AND attempts >= 1"
                        + " AND last_error IS NOT NULL") >= 1);
        waitUntil(WAIT, "the webhook answered 500", () -> count(
                "SELECT count(*) FROM alert_outbox WHERE channel = 'WEBHOOK' AND last_error LIKE '%500%'") >= 1);

        console.destroyForcibly();
        assertTrue(console.waitFor(10, TimeUnit.SECONDS), "killed");
        assertEquals(CAPTURES * 3L, count("SELECT count(*) FROM alert_outbox WHERE delivered_at IS NULL"),
                "two emails and one webhook per capture, none delivered");
        assertEquals(Map.of(), webhookAccepted);

        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        receiverStatus.set(200);
        serve();
        waitUntil(WAIT, "every alert delivered after the restart",
                () -> count("SELECT count(*) FROM alert_outbox WHERE delivered_at IS NULL") == 0);
        Thread.sleep(1_000);
        Map<String, Integer> byAlertId = new HashMap<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            byAlertId.merge(alertId(message), 1, Integer::sum);
        }
        assertEquals(alertIds("EMAIL"), byAlertId.keySet(), "every email arrived");
        assertEquals(CAPTURES * 2, byAlertId.size());
        assertTrue(byAlertId.values().stream().allMatch(n -> n == 1), "no email twice: " + byAlertId);
        assertEquals(alertIds("WEBHOOK"), webhookAccepted.keySet(), "every webhook alert accepted");
        assertEquals(CAPTURES, webhookAccepted.size());
        assertTrue(webhookAccepted.values().stream().allMatch(n -> n == 1), "no webhook twice: " + webhookAccepted);
    }

    /** A webhook receiver on loopback that answers {@link #receiverStatus} and counts what it accepted, by id. */
    private void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int status = receiverStatus.get();
            if (status == 200) {
                webhookAccepted.merge(exchange.getRequestHeaders().getFirst("X-Vigil-Alert-Id"), 1, Integer::sum);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    /** Starts the jar on the data dir and returns its gRPC port once it is ready. */
    private int serve() throws Exception {
        ProcessBuilder serve = new ProcessBuilder(javaBin(), "-jar", jar(), "serve", "--data", dataDir.toString(),
                "--http-port", "0", "--grpc-port", "0", "--bind", "127.0.0.1", "--http-plain")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        serve.environment().put(ConsoleConfig.ADMIN_PASSWORD_ENV, "kill test: plum kettle lantern");
        serve.environment().put("VIGIL_SMTP_URL", "smtp://127.0.0.1:" + smtpPort);
        serve.environment().put("VIGIL_ALERT_FROM", "vigil@school.example");
        serve.environment().put("VIGIL_ALERT_WEBHOOK_URL",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        serve.environment().put("VIGIL_ALERT_WEBHOOK_SECRET", "a-webhook-secret-for-the-test");
        console = serve.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(console.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            lines.add(line);
            Matcher ready = READY.matcher(line);
            if (ready.matches()) {
                return Integer.parseInt(ready.group(3));
            }
        }
        throw new AssertionError("no ready line in " + lines);
    }

    private String enrolmentToken() throws Exception {
        Process agentConfig = new ProcessBuilder(javaBin(), "-jar", jar(), "agent-config", "--data",
                dataDir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String config = new String(agentConfig.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(agentConfig.waitFor(30, TimeUnit.SECONDS));
        return config.lines().filter(line -> line.startsWith("enrolment.token=")).findFirst().orElseThrow()
                .substring("enrolment.token=".length());
    }

    private void addDsl(String name, String email) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO users (username, password_hash, role, created_at, email) VALUES (?, 'x', 'DSL', 0, ?)")) {
            statement.setString(1, name);
            statement.setString(2, email);
            statement.executeUpdate();
        }
    }

    private long count(String sql) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private Set<String> alertIds(String channel) throws SQLException {
        Set<String> ids = new TreeSet<>();
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
                "SELECT alert_id FROM alert_outbox WHERE channel = ?")) {
            statement.setString(1, channel);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        }
        return ids;
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("vigil.db"));
        try (var statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = 5000");
        }
        return connection;
    }

    private static String alertId(MimeMessage message) {
        try {
            return message.getHeader("X-Vigil-Alert-Id", null);
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static String jar() {
        return System.getProperty("vigil.console.jar");
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
