package org.vigil.bench;

import io.grpc.ManagedChannel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.vigil.agent.delivery.DeviceCredentials;
import org.vigil.proto.v1.Event;

/**
 * Stream flood (issue 13): one enrolled device opens {@code --streams} Connect streams, each with a Hello, over
 * {@code --channels} TLS connections, as fast as the console takes them. Meanwhile one probe asks {@code /healthz}
 * every 100 ms and another device sends a capture every 200 ms. Reports p50/p99 of both, what became of the flood's
 * streams, and the threads before, at the peak during and after the flood (by name, so the console's own can be told
 * from the clients'). With {@code --flood-from-process} the flooding client runs in a JVM of its own, so its TLS and
 * HTTP/2 work does not share the console's event loops and its threads are counted apart. Run with the console's
 * heap, e.g. {@code java -Xmx512m -jar vigil-bench.jar stream-flood --flood-from-process}.
 */
final class StreamFloodBench {
    private final int streams;
    private final int channelCount;
    private final boolean fromProcess;

    StreamFloodBench(int streams, int channelCount, boolean fromProcess) {
        this.streams = streams;
        this.channelCount = channelCount;
        this.fromProcess = fromProcess;
    }

    void run() throws Exception {
        List<ManagedChannel> channels = new ArrayList<>();
        ExecutorService probes = Executors.newFixedThreadPool(2);
        try (BenchConsole bench = new BenchConsole()) {
            String base = "http://127.0.0.1:" + bench.console().httpPort();
            List<Long> ackNanos = new CopyOnWriteArrayList<>();
            Map<String, Long> sentByEvent = new ConcurrentHashMap<>();
            AtomicLong honestEnded = new AtomicLong();
            SimulatedAgent honest = bench.connectAgents(1, channels, (channel, credentials) ->
                    new SimulatedAgent(channel, credentials, 64, error -> honestEnded.incrementAndGet(), eventId -> {
                        Long sent = sentByEvent.remove(eventId);
                        if (sent != null) {
                            ackNanos.add(System.nanoTime() - sent);
                        }
                    })).get(0);
            ManagedChannel first = bench.channel();
            channels.add(first);
            DeviceCredentials flooder = bench.enrol(first, "flooder");
            List<ManagedChannel> floodChannels = new ArrayList<>(List.of(first));
            if (!fromProcess) {
                for (int c = 1; c < channelCount; c++) {
                    floodChannels.add(bench.channel());
                }
                channels.addAll(floodChannels.subList(1, floodChannels.size()));
            }
            TimeUnit.SECONDS.sleep(2);
            Map<String, Integer> threadsBefore = threadsByName();

            AtomicBoolean flooding = new AtomicBoolean(true);
            List<Long> healthNanos = new CopyOnWriteArrayList<>();
            AtomicInteger healthBad = new AtomicInteger();
            probes.submit(() -> probeHealth(base, flooding, healthNanos, healthBad));
            Map<String, Integer>[] peak = new Map[] {threadsBefore};
            AtomicInteger clientPeak = new AtomicInteger();
            FloodRun[] flood = new FloodRun[1];

            long start = System.nanoTime();
            flood[0] = fromProcess
                    ? new FloodProcess(bench.console().grpcAddress(), bench.console().caFingerprint().toString(),
                            flooder, streams, channelCount)
                    : new InProcessFlood(floodChannels, flooder, streams);
            probes.submit(() -> {
                while (flooding.get()) {
                    Map<String, Integer> now = threadsByName();
                    if (total(now) > total(peak[0])) {
                        peak[0] = now;
                    }
                    flood[0].clientThreads().ifPresent(n -> clientPeak.accumulateAndGet(n, Math::max));
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                return null;
            });
            int seq = 1;
            // the flood settles when every stream but the device's live one has ended
            long settleBy = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!flood[0].settled() && System.nanoTime() < settleBy) {
                seq = sendCapture(honest, sentByEvent, seq);
                TimeUnit.MILLISECONDS.sleep(200);
            }
            double settledSeconds = (System.nanoTime() - start) / 1e9;
            for (int i = 0; i < 25; i++) { // five more seconds of probes after the flood
                seq = sendCapture(honest, sentByEvent, seq);
                TimeUnit.MILLISECONDS.sleep(200);
            }
            flooding.set(false);
            int liveAtEnd = bench.console().liveStreams();
            String outcome = flood[0].summary();
            flood[0].close();
            TimeUnit.SECONDS.sleep(40); // idle handler threads time out after 30 s
            Map<String, Integer> threadsAfter = threadsByName();

            List<Long> health = sorted(healthNanos);
            List<Long> acks = sorted(ackNanos);
            System.out.printf(Locale.ROOT, "stream-flood: one device's flood from %s: %s; settled in %.1f s; live"
                    + " streams at the end %d (the honest device's and the flood's last)%n",
                    fromProcess ? "another process" : "this JVM", outcome, settledSeconds, liveAtEnd);
            System.out.printf(Locale.ROOT, "stream-flood: /healthz p50 %.0f ms, p99 %.0f ms, max %.0f ms over %d"
                            + " probes (%d not 200); goal p99 < 200 ms: %s%n", Percentiles.millis(health, 0.5),
                    Percentiles.millis(health, 0.99), Percentiles.millis(health, 1.0), health.size(),
                    healthBad.get(), Percentiles.millis(health, 0.99) < 200 ? "yes" : "NO");
            System.out.printf(Locale.ROOT, "stream-flood: another device's ack p50 %.0f ms, p99 %.0f ms, max %.0f ms"
                            + " over %d captures (%d unacked, its stream ended %d); goal p99 < 1 s: %s%n",
                    Percentiles.millis(acks, 0.5), Percentiles.millis(acks, 0.99), Percentiles.millis(acks, 1.0),
                    acks.size(), sentByEvent.size(), honestEnded.get(),
                    Percentiles.millis(acks, 0.99) < 1000 ? "yes" : "NO");
            System.out.printf(Locale.ROOT, "stream-flood: threads in this JVM (console%s) before %d, peak during %d,"
                    + " after %d%s%n", fromProcess ? ", honest device, probes" : " and every client",
                    total(threadsBefore), total(peak[0]), total(threadsAfter),
                    fromProcess ? "; the flooding client's process at its peak " + clientPeak.get() : "");
            System.out.println("  before: " + threadsBefore);
            System.out.println("  peak:   " + peak[0]);
            System.out.println("  after:  " + threadsAfter);
            System.out.println("  load average at the end: " + loadAverage());
            System.out.println(BenchConsole.memory() + (fromProcess ? " (this JVM: console, honest device, probes)"
                    : " (console and the flooding clients in this one JVM)"));
            honest.close();
        } finally {
            probes.shutdownNow();
            channels.forEach(ManagedChannel::shutdownNow);
        }
    }

    private static int sendCapture(SimulatedAgent honest, Map<String, Long> sentByEvent, int seq)
            throws InterruptedException {
        Event event = BenchEvents.capture(seq, "bullying", 2);
        sentByEvent.put(event.getEventId(), System.nanoTime());
        honest.send(event);
        return seq + 1;
    }

    private static Void probeHealth(String base, AtomicBoolean running, List<Long> nanos, AtomicInteger bad) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        while (running.get()) {
            long start = System.nanoTime();
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                nanos.add(System.nanoTime() - start);
                if (status != 200) {
                    bad.incrementAndGet();
                }
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                return null;
            } catch (Exception e) {
                bad.incrementAndGet();
            }
        }
        return null;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "?";
        }
    }

    /** Live threads by name with the numbers taken out ({@code vigil-grpc-12} counts as {@code vigil-grpc-#}). */
    private static Map<String, Integer> threadsByName() {
        Map<String, Integer> byName = new TreeMap<>();
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(false, false)) {
            byName.merge(info.getThreadName().replaceAll("\\d+", "#"), 1, Integer::sum);
        }
        return byName;
    }

    private static int total(Map<String, Integer> byName) {
        return byName.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> out = new ArrayList<>(values);
        Collections.sort(out);
        return out;
    }
}
