package org.vigil.bench;

import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.vigil.console.retention.DailyRetention;
import org.vigil.console.retention.PurgeReport;

/**
 * The retention purge under ingest (issue 14): {@code --captures} false positives decided {@code --age-days} ago
 * (past the 30-day rule), {@code --screenshots} of them with their own file, are seeded straight into a new
 * console's SQLite file ({@link PurgeSeed}); the console starts, {@code --devices} simulated agents send captures
 * over TLS gRPC at {@code --rate} a second in all; ack latency is taken for {@code --before-seconds}, then during a
 * purge run in the console (its own {@code RetentionPurge}, as {@code retention run} and the daily run call it).
 * {@code --batch} sets the captures per purge transaction (the console's own size by default), to compare sizes.
 * Reports the seeding time, the purge's time and report, ack p50/p99/max before and during, and what is left. The
 * console's own daily run starts {@code DailyRetention}'s 10 minutes after the console: the harness prints when its
 * purge began and ended on that clock, and counts the daily run's tombstones (0 means it did not run alongside).
 */
final class PurgeBench {
    private final int captures;
    private final int screenshots;
    private final int devices;
    private final int rate;
    private final int beforeSeconds;
    private final int ageDays;
    private final int batch;

    PurgeBench(int captures, int screenshots, int devices, int rate, int beforeSeconds, int ageDays, int batch) {
        this.captures = captures;
        this.screenshots = screenshots;
        this.devices = devices;
        this.rate = rate;
        this.beforeSeconds = beforeSeconds;
        this.ageDays = ageDays;
        this.batch = batch;
    }

    void run() throws Exception {
        Path dataDir = Files.createTempDirectory("vigil-bench-purge");
        long seedStart = System.nanoTime();
        PurgeSeed.seed(dataDir, captures, screenshots, ageDays);
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        System.out.printf(Locale.ROOT, "purge: seeded %,d decided captures and %,d screenshot files in %.1f s;"
                + " database %,d MB%n", captures, screenshots, seedSeconds,
                Files.size(dataDir.resolve("vigil.db")) / (1024 * 1024));

        List<ManagedChannel> channels = new ArrayList<>();
        long consoleStart = System.nanoTime();
        try (BenchConsole bench = new BenchConsole(dataDir, config -> config)) {
            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            List<Long>[] latencies = new List[] {new CopyOnWriteArrayList<Long>()};
            AtomicInteger ended = new AtomicInteger();
            List<SimulatedAgent> agents = bench.connectAgents(devices, channels, (channel, credentials) ->
                    new SimulatedAgent(channel, credentials, 64, error -> ended.incrementAndGet(), eventId -> {
                        Long sent = sentAt.remove(eventId);
                        if (sent != null) {
                            latencies[0].add(System.nanoTime() - sent);
                        }
                    }));
            AtomicBoolean sending = new AtomicBoolean(true);
            Thread sender = new Thread(() -> send(agents, sentAt, sending), "bench-sender");
            sender.start();
            TimeUnit.SECONDS.sleep(3); // warm-up, not measured
            latencies[0] = new CopyOnWriteArrayList<>();
            TimeUnit.SECONDS.sleep(beforeSeconds);
            List<Long> before = latencies[0];
            latencies[0] = new CopyOnWriteArrayList<>();

            long filesBefore = screenshotFiles(dataDir);
            long purgeStart = System.nanoTime();
            List<Long> during = latencies[0];
            ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
            progress.scheduleAtFixedRate(() -> progress(dataDir, purgeStart, during), 60, 60, TimeUnit.SECONDS);
            PurgeReport report;
            try {
                report = bench.console().services().retention().withBatchSize(batch).run("bench");
            } finally {
                progress.shutdownNow();
            }
            long purgeEnd = System.nanoTime();
            double purgeSeconds = (purgeEnd - purgeStart) / 1e9;
            sending.set(false);
            sender.join();
            TimeUnit.SECONDS.sleep(2);

            System.out.printf(Locale.ROOT, "purge: %,d captures and %,d screenshot files removed in %.1f s"
                    + " (%,.0f captures/s, batches of %d); report: %s%n", report.captures(),
                    filesBefore - screenshotFiles(dataDir), purgeSeconds, report.captures() / purgeSeconds, batch,
                    report.describe().replace('\n', ';'));
            System.out.printf(Locale.ROOT, "purge: ran from %.0f s to %.0f s after the console started (its daily run"
                    + " starts at %d s)%n", (purgeStart - consoleStart) / 1e9, (purgeEnd - consoleStart) / 1e9,
                    DailyRetention.FIRST_RUN.toSeconds());
            print("before the purge", before);
            print("during the purge", during);
            long left = PurgeSeed.count(dataDir, "SELECT count(*) FROM captures"
                    + " WHERE status = 'FALSE_POSITIVE'");
            long tombstones = PurgeSeed.count(dataDir, "SELECT count(*) FROM audit_log"
                    + " WHERE action = 'retention.purge'");
            long dailyRuns = PurgeSeed.count(dataDir, "SELECT count(*) FROM audit_log"
                    + " WHERE action = 'retention.purge' AND actor = 'retention'");
            System.out.printf(Locale.ROOT, "purge: left: %d seeded captures, %d screenshot files; %d tombstones in"
                    + " the audit log (%d from the console's own daily run); %d ingest captures stored; agents'"
                    + " streams ended %d, unacked %d%n", left, screenshotFiles(dataDir), tombstones, dailyRuns,
                    PurgeSeed.count(dataDir, "SELECT count(*) FROM captures WHERE status = 'NEW'"),
                    ended.get(), sentAt.size());
            System.out.println(BenchConsole.memory());
            agents.forEach(SimulatedAgent::close);
        } finally {
            channels.forEach(ManagedChannel::shutdownNow);
        }
    }

    /** Round-robin over the agents at {@code rate} events a second in all; the time taken is the one measured. */
    private void send(List<SimulatedAgent> agents, Map<String, Long> sentAt, AtomicBoolean sending) {
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long next = System.nanoTime();
        int[] seq = new int[agents.size()];
        try {
            for (int i = 0; sending.get(); i++) {
                int a = i % agents.size();
                var event = BenchEvents.capture(++seq[a], "bullying", 2);
                sentAt.put(event.getEventId(), System.nanoTime());
                agents.get(a).send(event);
                next += interval;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A line a minute while the purge runs, so a run stopped early still says how far it got. */
    private static void progress(Path dataDir, long purgeStart, List<Long> during) {
        try {
            long left = PurgeSeed.count(dataDir, "SELECT count(*) FROM captures WHERE status = 'FALSE_POSITIVE'");
            System.out.printf(Locale.ROOT, "purge: after %.0f s, %,d seeded captures left;", (System.nanoTime()
                    - purgeStart) / 1e9, left);
            print(" so far", during);
        } catch (java.sql.SQLException e) {
            System.out.println("purge: progress not read: " + e.getMessage());
        }
    }

    private static void print(String when, List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "purge: ingest ack %s: p50 %.0f ms, p99 %.0f ms, max %.0f ms over %,d"
                + " captures%n", when, Percentiles.millis(sorted, 0.5), Percentiles.millis(sorted, 0.99),
                Percentiles.millis(sorted, 1.0), sorted.size());
    }

    private static long screenshotFiles(Path dataDir) throws java.io.IOException {
        Path root = dataDir.resolve("screenshots");
        if (!Files.exists(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
