package org.vigil.bench;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.vigil.console.store.DatabaseChoice;
import org.vigil.console.store.objectstore.ScreenshotPlace;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Screenshot;

/**
 * Console ingest throughput: {@code devices} simulated agents, each on its own TLS connection, stream
 * {@code events} events in total (64 unacked at most per agent, as the real agent), optionally each with a
 * distinct screenshot of {@code screenshotKb} KB. Events per second = events acked / time from first send to
 * last ack; an ack means the event is committed to the database (and its screenshot stored durably).
 */
final class IngestBench {
    private static final int WINDOW = 64;

    private final int devices;
    private final int events;
    private final int screenshotKb;

    IngestBench(int devices, int events, int screenshotKb) {
        this.devices = devices;
        this.events = events;
        this.screenshotKb = screenshotKb;
    }

    /**
     * The database is the PostgreSQL {@code VIGIL_DB_URL} names (with {@code VIGIL_DB_USER}, {@code VIGIL_DB_PASSWORD};
     * give a new, empty database each run), as for {@code serve}; SQLite in the data directory otherwise.
     * Screenshots go where {@code VIGIL_SCREENSHOTS} (and {@code VIGIL_S3_ENDPOINT}, {@code VIGIL_S3_ACCESS_KEY_ID},
     * {@code VIGIL_S3_SECRET_ACCESS_KEY}) say, as for {@code serve}: {@code postgresql} for the database itself;
     * files in the data directory otherwise.
     */
    void run() throws Exception {
        Path dataDir = Files.createTempDirectory("vigil-bench");
        ScreenshotPlace.fromOptions(Map.of(), System.getenv()).ifPresent(place -> place.record(dataDir));
        DatabaseChoice database = DatabaseChoice.from(Map.of(), System.getenv());
        try (BenchConsole bench = new BenchConsole(dataDir, config -> config.withDatabase(database))) {
            System.out.println("database: " + database.describe(dataDir));
            System.out.println("screenshots: " + bench.screenshotStore());
            System.out.println("warm-up...");
            round(bench, Math.min(events, 2000), false);
            System.out.println("measuring...");
            round(bench, events, true);
            System.out.println(BenchConsole.memory());
        }
    }

    private void round(BenchConsole bench, int total, boolean report) throws Exception {
        List<ManagedChannel> channels = new ArrayList<>();
        List<SimulatedAgent> agents = new ArrayList<>();
        AtomicLong failures = new AtomicLong();
        for (int d = 0; d < devices; d++) {
            ManagedChannel channel = bench.channel();
            channels.add(channel);
            agents.add(new SimulatedAgent(channel, bench.enrol(channel, "bench-" + d), WINDOW, error -> {
                if (error != null) {
                    failures.incrementAndGet();
                }
            }));
        }
        byte[] image = new byte[screenshotKb * 1024];
        new Random(1).nextBytes(image);
        ByteString shared = ByteString.copyFrom(image);
        int perDevice = total / devices;
        long start = System.nanoTime();
        List<Thread> senders = new ArrayList<>();
        for (SimulatedAgent agent : agents) {
            Thread sender = new Thread(() -> {
                try {
                    for (int i = 0; i < perDevice; i++) {
                        agent.send(event(i, shared));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            sender.start();
            senders.add(sender);
        }
        for (Thread sender : senders) {
            sender.join();
        }
        long expected = (long) perDevice * devices;
        while (agents.stream().mapToLong(SimulatedAgent::acked).sum() < expected && failures.get() == 0) {
            Thread.sleep(1);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " streams failed");
        }
        if (report) {
            long bytes = expected * (shared.size() + 400L);
            System.out.printf(Locale.ROOT, "ingest: %d events (%s) from %d agents in %.2f s = %.0f events/s, %.1f MB/s%n",
                    expected, screenshotKb == 0 ? "text only" : screenshotKb + " KB screenshot each", devices,
                    seconds, expected / seconds, bytes / seconds / 1e6);
        }
        agents.forEach(SimulatedAgent::close);
        channels.forEach(ManagedChannel::shutdownNow);
    }

    private Event event(int seq, ByteString sharedImage) {
        String context = "bench line " + seq + " with a matched phrase in it";
        int at = context.indexOf("matched phrase");
        Instant now = Instant.now();
        Event.Builder event = Event.newBuilder().setEventId(UUID.randomUUID().toString()).setSeq(seq)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setUser("pupil").setWindowTitle("Bench").setApp("bench").setCategory("bullying").setSeverity(3)
                .setRuleId("bullying.txt:1").setMatchedText("matched phrase").setContext(context).setMatchStart(at)
                .setMatchEnd(at + "matched phrase".length()).setExplanation("bench");
        if (!sharedImage.isEmpty()) {
            // a distinct image per event (content-addressed store: equal images would be written once)
            ByteString unique = ByteString.copyFrom(ByteBuffer.allocate(16)
                    .putLong(System.nanoTime()).putLong(seq).array()).concat(sharedImage);
            event.setScreenshot(Screenshot.newBuilder().setMediaType("image/jpeg").setData(unique)
                    .setWidth(1280).setHeight(800));
        }
        return event.build();
    }
}
