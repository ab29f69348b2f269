package org.vigil.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.vigil.console.auth.PasswordHasher;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;

/**
 * How long a capture ingested on console instance A takes to appear in the live queue (SSE) of instance B, both on
 * one PostgreSQL (the tests' throwaway server, ADR 0171, or {@code VIGIL_TEST_POSTGRES_URL}): one agent sends
 * {@code -Dcaptures=N} captures to A, one at a time every {@code -DintervalMs}, and a DSL's stream on B receives them.
 * Prints p50/p99 from the agent's send to A's ack, and from the send to the row on B, with the load average. Run on
 * demand: {@code console/bench/run-cluster-benchmark.sh}.
 */
public final class ClusterLiveQueueBenchmark {
    private static final String PASSWORD = "cluster benchmark passphrase";
    private static final Pattern MATCHED = Pattern.compile("\"matched\":\"bench-(\\d+)\"");

    private ClusterLiveQueueBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int captures = Integer.getInteger("captures", 500);
        long intervalMs = Long.getLong("intervalMs", 20);
        TwoConsoles cluster = new TwoConsoles(PASSWORD, config -> config);
        ExtensionContext none = null;
        cluster.beforeAll(none);
        try (GrpcTestClient toA = new GrpcTestClient(cluster.a())) {
            cluster.a().services().users().createIfAbsent("dsl-bench", new PasswordHasher().hash(PASSWORD), "DSL",
                    false, false, Optional.empty());
            WebSession dsl = WebSession.signIn(cluster.b(), "dsl-bench", PASSWORD);
            EnrollResponse device = toA.enroll(cluster.a().mintEnrolmentToken());
            Map<Integer, Long> sentAt = new ConcurrentHashMap<>();
            List<Long> toAck = Collections.synchronizedList(new ArrayList<>());
            List<Long> toB = Collections.synchronizedList(new ArrayList<>());
            try (SseEvents events = SseEvents.open(cluster.b(), dsl.sessionCookie(), "", Map.of());
                 DeviceStream stream = new DeviceStream(toA, device.getDeviceId(), device.getDeviceSecret())) {
                events.next(Duration.ofSeconds(10)).orElseThrow(); // ": connected"
                Thread.sleep(200);
                Thread reader = new Thread(() -> readRows(events, sentAt, toB, captures), "bench-sse");
                reader.start();
                for (int n = 0; n < captures; n++) {
                    Event event = Events.valid().setSeq(n + 1).setMatchedText("bench-" + n).build();
                    long sent = System.nanoTime();
                    sentAt.put(n, sent);
                    stream.send(event);
                    ConsoleMessage ack = stream.take(Duration.ofSeconds(30));
                    if (!ack.hasAck()) {
                        throw new IllegalStateException("expected an ack, got " + ack);
                    }
                    toAck.add(System.nanoTime() - sent);
                    Thread.sleep(intervalMs);
                }
                reader.join(Duration.ofSeconds(30).toMillis());
            }
            String load = Files.readString(Path.of("/proc/loadavg")).strip();
            System.out.printf(Locale.ROOT, "captures: %d, one every %d ms; load average: %s%n", captures, intervalMs,
                    load);
            report("agent send -> ack from A (committed)", toAck, captures);
            report("agent send -> row in B's live queue", toB, captures);
        } finally {
            cluster.afterAll(none);
        }
    }

    private static void readRows(SseEvents events, Map<Integer, Long> sentAt, List<Long> toB, int captures) {
        try {
            while (toB.size() < captures) {
                Optional<SseEvents.Item> item = events.nextEvent(Duration.ofSeconds(30));
                if (item.isEmpty() || item.get() == SseEvents.Item.END) {
                    return;
                }
                long now = System.nanoTime();
                Matcher matched = MATCHED.matcher(item.get().data());
                if (matched.find()) {
                    toB.add(now - sentAt.get(Integer.parseInt(matched.group(1))));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void report(String what, List<Long> nanos, int expected) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "%-40s %4d of %d  p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms%n", what,
                sorted.size(), expected, percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1) / 1e6);
    }

    private static double percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(rank, 1) - 1) / 1e6;
    }
}
