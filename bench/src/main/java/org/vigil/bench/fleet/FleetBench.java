package org.vigil.bench.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.bench.ChildJvm;
import org.vigil.bench.LoadAverage;
import org.vigil.bench.footprint.ProcSample;
import org.vigil.console.store.DatabaseChoice;
import org.vigil.console.store.postgresql.DbCredentials;
import org.vigil.console.store.postgresql.PostgresUrl;

/**
 * {@code fleet}: many simulated agents across two real console instances on one PostgreSQL (issue 17). The consoles
 * are the console jar as two processes ({@code serve}, the database from {@code VIGIL_DB_URL}, which must name a new,
 * empty database); the devices are seeded in the database in one statement, as enrolment leaves them; the agents
 * run in a JVM of their own ({@link FleetAgents}), even devices on A and odd ones on B, each heartbeating every
 * period. Once every stream is held, each period is a measuring window: streams held per instance (the cluster's
 * stream table), heartbeats the consoles recorded (devices whose last-seen time moved in the window) against
 * the expected agents / period, the agents' stream endings and send errors, and each process's CPU (% of one
 * core, from /proc), RSS and heap, and the PostgreSQL server's CPU (all its processes). With {@code --failover},
 * instance A is then killed with SIGKILL and A's agents reconnect to B: the time until B holds every stream.
 */
public final class FleetBench {
    private static final int CLOCK_TICKS = 100;

    private final int agents;
    private final int perConnection;
    private final int heartbeatSeconds;
    private final int windows;
    private final boolean failover;
    private final Path consoleJar;

    public FleetBench(int agents, int perConnection, int heartbeatSeconds, int windows, boolean failover,
                      Path consoleJar) {
        this.agents = agents;
        this.perConnection = perConnection;
        this.heartbeatSeconds = heartbeatSeconds;
        this.windows = windows;
        this.failover = failover;
        this.consoleJar = consoleJar;
    }

    public void run() throws Exception {
        DatabaseChoice database = DatabaseChoice.from(Map.of(), System.getenv());
        PostgresUrl url = database.postgres().orElseThrow(() -> new IllegalArgumentException(
                "fleet runs on PostgreSQL: set VIGIL_DB_URL=postgresql://HOST:PORT/NEW_DATABASE, VIGIL_DB_USER and"
                        + " VIGIL_DB_PASSWORD"));
        DbCredentials credentials = database.credentials().orElseThrow();
        if (!Files.isRegularFile(consoleJar)) {
            throw new IllegalArgumentException("no console jar at " + consoleJar + " (build it, or set"
                    + " VIGIL_CONSOLE_JAR)");
        }
        Map<String, String> dbEnv = Map.of(DatabaseChoice.URL_ENV, url.toString(), DatabaseChoice.USER_ENV,
                credentials.user(), DatabaseChoice.PASSWORD_ENV, credentials.password());
        Path work = Files.createTempDirectory("vigil-fleet");
        List<String> consoleFlags = List.of("-Xmx1g");
        System.out.printf(Locale.ROOT, "fleet: %d agents, heartbeat every %d s, %d a connection; consoles %s on %s;"
                + " work dir %s; load average %s%n", agents, heartbeatSeconds, perConnection, consoleFlags, url, work,
                loadAverage());
        try (FleetConsole a = FleetConsole.start("a", consoleJar, consoleFlags, work, dbEnv, null);
             FleetDatabase db = new FleetDatabase(url.jdbcUrl(), credentials.user(), credentials.password())) {
            String fingerprint = a.caFingerprint(consoleJar, dbEnv);
            try (FleetConsole b = FleetConsole.start("b", consoleJar, consoleFlags, work, dbEnv, a)) {
                String key = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
                System.out.printf(Locale.ROOT, "seeded %d devices in %.1f s%n", agents, db.seedDevices(agents, key));
                measure(a, b, db, fingerprint, key);
            }
        }
    }

    private void measure(FleetConsole a, FleetConsole b, FleetDatabase db, String fingerprint, String key)
            throws Exception {
        ProcessBuilder builder = ChildJvm.of("fleet-agents", a.grpcAddress(), b.grpcAddress(), fingerprint,
                String.valueOf(agents), String.valueOf(perConnection), String.valueOf(heartbeatSeconds),
                db.currentPolicyVersion(), String.valueOf(failover));
        builder.environment().put("VIGIL_FLEET_KEY", key);
        Process client = builder.start();
        AgentsReport report = new AgentsReport();
        Thread reader = new Thread(() -> report.read(client), "fleet-agents-stdout");
        reader.setDaemon(true);
        reader.start();
        try {
            long start = System.nanoTime();
            String opened = report.awaitOpened(TimeUnit.MINUTES.toNanos(10));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            long held = 0;
            while (System.nanoTime() < deadline && (held = total(db.streamsByInstance())) < agents) {
                Thread.sleep(500);
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "streams started by the agents in %s s; %d of %d held %.1f s after the"
                    + " start, %.1f s after the last stream was started; load average %s%n", opened, held, agents,
                    elapsed, elapsed - Double.parseDouble(opened), loadAverage());
            // the first beats come one period after each stream's start: wait for a full period of them
            Thread.sleep(heartbeatSeconds * 1000L);
            String ownerOfA = db.ownerOf(FleetAgents.deviceId(0));
            System.out.println("| window | streams on A / B | heartbeats recorded/s (expected " + rate(agents)
                    + ") | sent/s | errors, endings | A CPU % / RSS MB / heap MB | B CPU % / RSS MB / heap MB"
                    + " | PostgreSQL CPU % | agents' JVM CPU % | load average |");
            System.out.println("|---|---|---|---|---|---|---|---|---|---|");
            for (int w = 1; w <= windows; w++) {
                window(w, a, b, client, db, report, ownerOfA);
            }
            if (failover) {
                failOver(a, db);
            }
        } finally {
            client.getOutputStream().close();
            if (!client.waitFor(60, TimeUnit.SECONDS)) {
                client.destroyForcibly();
            }
        }
    }

    private void window(int number, FleetConsole a, FleetConsole b, Process client, FleetDatabase db,
                        AgentsReport report, String ownerOfA) throws Exception {
        List<Long> server = db.serverPids();
        long since = System.currentTimeMillis();
        long sentBefore = report.heartbeats();
        long[] before = {ticks(List.of(a.pid())), ticks(List.of(b.pid())), ticks(server), ticks(List.of(client.pid()))};
        long startNanos = System.nanoTime();
        Thread.sleep(heartbeatSeconds * 1000L);
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long[] after = {ticks(List.of(a.pid())), ticks(List.of(b.pid())), ticks(server), ticks(List.of(client.pid()))};
        long recorded = db.seenSince(since);
        Map<String, Long> streams = db.streamsByInstance();
        long onA = streams.getOrDefault(ownerOfA, 0L);
        System.out.printf(Locale.ROOT, "| %d | %,d / %,d | %,.0f | %,.0f | %d, %s | %s / %s | %s / %s | %.0f | %.0f |"
                        + " %s |%n", number, onA, total(streams) - onA, recorded / seconds,
                (report.heartbeats() - sentBefore) / seconds, report.errors(), report.endings(),
                cpu(after[0] - before[0], seconds), memory(a.pid()), cpu(after[1] - before[1], seconds),
                memory(b.pid()), percent(after[2] - before[2], seconds), percent(after[3] - before[3], seconds),
                loadAverage());
    }

    /** Kills A as a crash would and times B taking over every one of A's agents' streams. */
    private void failOver(FleetConsole a, FleetDatabase db) throws Exception {
        String ownerOfB = db.ownerOf(FleetAgents.deviceId(1));
        long onBBefore = db.streamsByInstance().getOrDefault(ownerOfB, 0L);
        System.out.printf(Locale.ROOT, "kill -9 of A (%d streams on B); load average %s%n", onBBefore, loadAverage());
        long killed = System.nanoTime();
        a.kill();
        long deadline = killed + TimeUnit.MINUTES.toNanos(10);
        long onB = onBBefore;
        long half = -1;
        while (System.nanoTime() < deadline && (onB = db.streamsByInstance().getOrDefault(ownerOfB, 0L)) < agents) {
            if (half < 0 && onB - onBBefore >= (agents - onBBefore) / 2) {
                half = System.nanoTime();
            }
            Thread.sleep(250);
        }
        System.out.printf(Locale.ROOT, "after kill -9 of A: B holds %d of %d streams %.1f s later (half of A's"
                + " agents taken over after %s s); load average %s%n", onB, agents, (System.nanoTime() - killed) / 1e9,
                half < 0 ? "-" : String.format(Locale.ROOT, "%.1f", (half - killed) / 1e9), loadAverage());
    }

    private String rate(long count) {
        return String.format(Locale.ROOT, "%,.0f", (double) count / heartbeatSeconds);
    }

    private static long total(Map<String, Long> streams) {
        return streams.values().stream().mapToLong(Long::longValue).sum();
    }

    private static long ticks(List<Long> pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += ProcSample.read(pid).map(s -> s.totalTicks()).orElse(0L);
        }
        return sum;
    }

    private static double percent(long ticks, double seconds) {
        return 100.0 * ticks / CLOCK_TICKS / seconds;
    }

    private static String cpu(long ticks, double seconds) {
        return String.format(Locale.ROOT, "%.0f", percent(ticks, seconds));
    }

    private static String memory(long pid) {
        long rss = ProcSample.read(pid).map(s -> s.rssKb()).orElse(0L);
        return String.format(Locale.ROOT, "%d / %s", rss / 1024, heapUsedMb(pid).map(String::valueOf).orElse("?"));
    }

    /** Heap in use, from {@code jcmd PID GC.heap_info} ("… total 262144K, used 123456K"). */
    private static Optional<Long> heapUsedMb(long pid) {
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(10, TimeUnit.SECONDS);
            Matcher used = Pattern.compile("total \\d+K, used (\\d+)K").matcher(out);
            return used.find() ? Optional.of(Long.parseLong(used.group(1)) / 1024) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String loadAverage() {
        return LoadAverage.now();
    }

    /** What the agents' process says on stdout. */
    private static final class AgentsReport {
        private String opened;
        private String status = "";

        void read(Process client) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (this) {
                        if (line.startsWith(FleetAgents.CONNECTED)) {
                            System.out.println("agents' TLS connections made in " + line.substring(
                                    FleetAgents.CONNECTED.length()) + " s");
                        } else if (line.startsWith(FleetAgents.OPENED)) {
                            opened = line.substring(FleetAgents.OPENED.length());
                        } else if (line.startsWith(FleetAgents.STATUS)) {
                            status = line.substring(FleetAgents.STATUS.length());
                        }
                        notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }

        synchronized String awaitOpened(long nanos) throws InterruptedException {
            long deadline = System.nanoTime() + nanos;
            while (opened == null && System.nanoTime() < deadline) {
                wait(1000);
            }
            if (opened == null) {
                throw new IllegalStateException("the agents' process did not start its streams");
            }
            return opened;
        }

        long heartbeats() {
            return Long.parseLong(field("heartbeats", "0"));
        }

        long errors() {
            return Long.parseLong(field("errors", "0"));
        }

        String endings() {
            return field("endings", "-");
        }

        private synchronized String field(String name, String otherwise) {
            for (String part : status.split(" ")) {
                if (part.startsWith(name + "=")) {
                    return part.substring(name.length() + 1);
                }
            }
            return otherwise;
        }
    }
}
