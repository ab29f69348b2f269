package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.store.DatabaseChoice;
import org.vigil.console.store.postgresql.TestPostgres;
import org.vigil.console.tls.Pem;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;

/**
 * Two console jars on one PostgreSQL behind Debian's HAProxy in TCP mode (TLS passes through to the consoles), with
 * agents (the fixtures' real gRPC clients, each on a connection of its own) sending events through HAProxy; one
 * console is killed with SIGKILL under load: its agents reconnect through HAProxy to the other, resend what was not
 * acked, and every event is stored exactly once (counted by event id). Real processes, because only a process can be
 * killed -9: an in-JVM console would commit its last batches on the way down.
 */
@Tag("e2e")
class ClusterFailoverIT {
    private static final Pattern READY = Pattern.compile(
            "Vigil console ready: http=http://127\\.0\\.0\\.1:(\\d+)/ grpc=([^:\\s]+):(\\d+)");
    private static final Path HAPROXY = Path.of("/usr/sbin/haproxy");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int AGENTS = 12;
    private static final int EVENTS_EACH = 50;

    @TempDir
    Path dir;
    private TestPostgres.Fresh database;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
        for (Process process : processes) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aConsoleKilledUnderLoadLeavesItsAgentsToTheOtherAndEveryEventIsStoredOnce() throws Exception {
        assumeTrue(Files.isExecutable(HAPROXY), "HAProxy is not installed (apt-get install haproxy): the cluster"
                + " failover test is skipped");
        Optional<TestPostgres.Server> server = TestPostgres.server();
        assumeTrue(server.isPresent(), TestPostgres::unavailableReason);
        database = TestPostgres.freshDatabase(server.get());
        Path dirA = Files.createDirectories(dir.resolve("a"));
        Path dirB = Files.createDirectories(dir.resolve("b"));
        Process a = serve(dirA);
        int grpcA = readyGrpcPort(dirA, a);
        copyTls(dirA, dirB);
        Process b = serve(dirB);
        int grpcB = readyGrpcPort(dirB, b);
        int balancer = haproxy(grpcA, grpcB);
        X509Certificate ca = Pem.parseCertificate(Files.readString(dirA.resolve("tls").resolve("ca.pem")));
        String token;
        try (ConsoleServices services = ConsoleServices.open(dir.resolve("commands"), choice(), Clock.systemUTC())) {
            token = services.enrolmentTokens().create("it-test", "failover", 1, Optional.empty()).token();
        }

        AtomicInteger acked = new AtomicInteger();
        Set<String> sent = ConcurrentHashMap.newKeySet();
        ExecutorService agents = Executors.newFixedThreadPool(AGENTS);
        List<Future<Integer>> reconnects = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            reconnects.add(agents.submit(() -> runAgent(ca, balancer, token, sent, acked)));
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (acked.get() < AGENTS * EVENTS_EACH / 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(acked.get() < AGENTS * EVENTS_EACH, "still under load when A is killed: " + acked.get());
        a.destroyForcibly(); // SIGKILL
        assertTrue(a.waitFor(10, TimeUnit.SECONDS));
        int totalReconnects = 0;
        for (Future<Integer> agent : reconnects) {
            totalReconnects += agent.get(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
        }
        agents.shutdown();

        assertEquals(AGENTS * EVENTS_EACH, sent.size());
        assertTrue(totalReconnects > 0, "A's agents had to reconnect");
        assertEquals(AGENTS * EVENTS_EACH, count("SELECT count(*) FROM captures"), "no event stored twice");
        assertEquals(sent, eventIds(), "every event stored, by its event id");
        assertTrue(b.isAlive());
    }

    /**
     * One agent: enrols, then sends its events one at a time, each until acked; a stream that ends or goes quiet is
     * opened again through HAProxy and the unacked event sent again, as the real agent's delivery does.
     *
     * @return how many times it reconnected
     */
    private static int runAgent(X509Certificate ca, int balancer, String token, Set<String> sent, AtomicInteger acked)
            throws Exception {
        int reconnects = 0;
        try (GrpcTestClient client = new GrpcTestClient(ca, balancer)) {
            EnrollResponse device = client.enroll(token);
            DeviceStream stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret());
            try {
                for (int seq = 1; seq <= EVENTS_EACH; seq++) {
                    Event event = Events.valid().setSeq(seq).build();
                    sent.add(event.getEventId());
                    while (true) {
                        if (!stream.hasEnded()) {
                            stream.send(event);
                            ConsoleMessage answer = stream.poll(Duration.ofSeconds(5));
                            if (answer != null && answer.hasAck()
                                    && answer.getAck().getEventId().equals(event.getEventId())) {
                                acked.incrementAndGet();
                                break;
                            }
                        }
                        stream.close();
                        Thread.sleep(200);
                        reconnects++;
                        stream = new DeviceStream(client, device.getDeviceId(), device.getDeviceSecret());
                    }
                }
            } finally {
                stream.close();
            }
        }
        return reconnects;
    }

    private Process serve(Path dataDir) throws IOException {
        ProcessBuilder serve = new ProcessBuilder(javaBin(), "-Xmx256m", "-jar", jar(), "serve", "--data",
                dataDir.toString(), "--http-port", "0", "--grpc-port", "0", "--bind", "127.0.0.1", "--http-plain",
                "--db", database.url().toString())
                .redirectErrorStream(true).redirectOutput(dataDir.resolve("console.log").toFile());
        serve.environment().put(ConsoleConfig.ADMIN_PASSWORD_ENV, "failover test: quartz meadow lantern");
        serve.environment().put(DatabaseChoice.USER_ENV, database.credentials().user());
        serve.environment().put(DatabaseChoice.PASSWORD_ENV, database.credentials().password());
        Process process = serve.start();
        processes.add(process);
        return process;
    }

    private static int readyGrpcPort(Path dataDir, Process process) throws Exception {
        Path log = dataDir.resolve("console.log");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                Matcher ready = READY.matcher(line);
                if (ready.find()) {
                    return Integer.parseInt(ready.group(3));
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no ready line from the console in " + dataDir + ": "
                + Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void copyTls(Path from, Path to) throws IOException {
        Files.createDirectories(to.resolve("tls"));
        try (Stream<Path> files = Files.list(from.resolve("tls"))) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve("tls").resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    /** HAProxy in TCP mode in front of both consoles' gRPC ports; returns its port once it accepts connections. */
    private int haproxy(int grpcA, int grpcB) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = dir.resolve("haproxy.cfg");
        Files.writeString(config, String.join("\n",
                "global",
                "    maxconn 1000",
                "defaults",
                "    mode tcp",
                "    timeout connect 2s",
                "    timeout client 5m",
                "    timeout server 5m",
                "    retries 3",
                "    option redispatch",
                "frontend vigil_agents",
                "    bind 127.0.0.1:" + port,
                "    default_backend vigil_consoles",
                "backend vigil_consoles",
                "    balance roundrobin",
                "    server a 127.0.0.1:" + grpcA + " check inter 500 fall 1 rise 2",
                "    server b 127.0.0.1:" + grpcB + " check inter 500 fall 1 rise 2",
                ""));
        Process haproxy = new ProcessBuilder(HAPROXY.toString(), "-db", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
        processes.add(haproxy);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return port;
            } catch (IOException e) {
                if (!haproxy.isAlive()) {
                    throw new AssertionError("haproxy stopped: " + Files.readString(dir.resolve("haproxy.log")));
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("haproxy does not accept connections on " + port);
    }

    private DatabaseChoice choice() {
        return new DatabaseChoice(Optional.of(database.url()), Optional.of(database.credentials()));
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.url().jdbcUrl(), database.credentials().user(),
                database.credentials().password());
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private Set<String> eventIds() throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
                "SELECT event_id FROM captures"); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static String jar() {
        return System.getProperty("vigil.console.jar");
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
