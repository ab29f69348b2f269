package org.vigil.bench;

import io.grpc.ManagedChannel;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many agent streams one console holds: {@code streams} simulated agents, each enrolled and on its own TLS
 * connection, send a Hello then a heartbeat every {@code heartbeatSeconds} (spread evenly), for
 * {@code holdSeconds}. Reports the streams the console counts as live, streams that ended, and the console's
 * record of heartbeats (devices seen during the hold).
 */
final class StreamsBench {
    private final int streams;
    private final int holdSeconds;
    private final int heartbeatSeconds;

    StreamsBench(int streams, int holdSeconds, int heartbeatSeconds) {
        this.streams = streams;
        this.holdSeconds = holdSeconds;
        this.heartbeatSeconds = heartbeatSeconds;
    }

    void run() throws Exception {
        try (BenchConsole bench = new BenchConsole()) {
            AtomicLong ended = new AtomicLong();
            AtomicLong heartbeats = new AtomicLong();
            List<ManagedChannel> channels = new ArrayList<>();
            long start = System.nanoTime();
            List<SimulatedAgent> agents = bench.connectAgents(streams, channels,
                    (channel, credentials) -> new SimulatedAgent(channel, credentials, 1, error -> ended.incrementAndGet()));
            while (bench.console().liveStreams() < streams && ended.get() == 0
                    && System.nanoTime() - start < TimeUnit.MINUTES.toNanos(5)) {
                Thread.sleep(50);
            }
            System.out.printf(Locale.ROOT, "streams: %d agents enrolled and connected in %.1f s; console counts %d"
                    + " live streams%n", streams, (System.nanoTime() - start) / 1e9, bench.console().liveStreams());

            long holdStart = System.currentTimeMillis();
            ScheduledExecutorService beats = Executors.newScheduledThreadPool(2);
            for (SimulatedAgent agent : agents) {
                long offset = ThreadLocalRandom.current().nextLong(heartbeatSeconds * 1000L);
                beats.scheduleAtFixedRate(() -> {
                    agent.heartbeat();
                    heartbeats.incrementAndGet();
                }, offset, heartbeatSeconds * 1000L, TimeUnit.MILLISECONDS);
            }
            for (int waited = 0; waited < holdSeconds; waited += 10) {
                Thread.sleep(Math.min(10, holdSeconds - waited) * 1000L);
                System.out.printf(Locale.ROOT, "  t+%ds: live %d, ended %d, heartbeats sent %d%n",
                        Math.min(waited + 10, holdSeconds), bench.console().liveStreams(), ended.get(),
                        heartbeats.get());
            }
            beats.shutdownNow();
            long seen = devicesSeenSince(bench, holdStart + 1);
            System.out.printf(Locale.ROOT, "streams: after %d s with a heartbeat every %d s: %d live, %d ended,"
                    + " %d heartbeats sent, %d devices recorded as seen during the hold%n", holdSeconds,
                    heartbeatSeconds, bench.console().liveStreams(), ended.get(), heartbeats.get(), seen);
            System.out.println(BenchConsole.memory() + " (console and all simulated agents in this one JVM)");
            agents.forEach(SimulatedAgent::close);
            channels.forEach(ManagedChannel::shutdownNow);
        }
    }

    private static long devicesSeenSince(BenchConsole bench, long millis) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:"
                + bench.console().dataDir().resolve("vigil.db"));
             PreparedStatement statement = db.prepareStatement("SELECT count(*) FROM devices WHERE last_seen_at >= ?")) {
            statement.setLong(1, millis);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
