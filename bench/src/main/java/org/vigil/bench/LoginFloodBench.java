package org.vigil.bench;

import io.grpc.ManagedChannel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.vigil.proto.v1.Event;

/**
 * Sign-in flood (issue 13): {@code --visitors} anonymous clients, each fetching the sign-in form and posting a
 * random username and password as fast as it is answered, for {@code --seconds}. Meanwhile one probe asks
 * {@code /healthz} every 100 ms and another device sends a capture every 200 ms; reports p50/p99 of both, the
 * answers the visitors got, heap use, threads, and whether a heartbeat is still recorded afterwards. With
 * {@code --flood-from-process} the visitors run in a JVM of their own ({@link LoginFloodClient}), so their 200
 * threads do not compete with the console's inside this one and are counted apart. Run it with the heap the console
 * would have, e.g. {@code java -Xmx512m -jar vigil-bench.jar login-flood --flood-from-process}.
 */
final class LoginFloodBench {
    private final int visitors;
    private final int seconds;
    private final boolean fromProcess;

    LoginFloodBench(int visitors, int seconds, boolean fromProcess) {
        this.visitors = visitors;
        this.seconds = seconds;
        this.fromProcess = fromProcess;
    }

    void run() throws Exception {
        List<ManagedChannel> channels = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (BenchConsole bench = new BenchConsole()) {
            String base = "http://127.0.0.1:" + bench.console().httpPort();
            List<Long> ackNanos = new CopyOnWriteArrayList<>();
            Map<String, Long> sentByEvent = new ConcurrentHashMap<>();
            AtomicLong ended = new AtomicLong();
            SimulatedAgent device = bench.connectAgents(1, channels, (channel, credentials) ->
                    new SimulatedAgent(channel, credentials, 64, error -> ended.incrementAndGet(), eventId -> {
                        Long sent = sentByEvent.remove(eventId);
                        if (sent != null) {
                            ackNanos.add(System.nanoTime() - sent);
                        }
                    })).get(0);
            TimeUnit.SECONDS.sleep(2);
            int threadsBefore = Thread.activeCount();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            LoginFlood inProcess = fromProcess ? null : new LoginFlood(base, visitors);
            LoginFloodProcess process = fromProcess ? new LoginFloodProcess(base, visitors, seconds) : null;
            if (inProcess != null) {
                pool.submit(() -> {
                    inProcess.run(seconds);
                    return null;
                });
            }
            List<Long> healthNanos = new CopyOnWriteArrayList<>();
            AtomicInteger healthBad = new AtomicInteger();
            pool.submit(() -> probeHealth(base, until, healthNanos, healthBad));
            long peakHeap = 0;
            int peakThreads = 0;
            int clientPeak = 0;
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.out.printf(Locale.ROOT, "login-flood: %d visitors from %s for %d s, max heap %d MiB; load average"
                    + " %s%n", visitors, fromProcess ? "another process" : "this JVM", seconds,
                    Runtime.getRuntime().maxMemory() >> 20, loadAverage());
            for (int seq = 1; System.nanoTime() < until; seq++) {
                Event event = BenchEvents.capture(seq, "bullying", 2);
                sentByEvent.put(event.getEventId(), System.nanoTime());
                device.send(event);
                peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
                peakThreads = Math.max(peakThreads, Thread.activeCount());
                if (process != null) {
                    clientPeak = Math.max(clientPeak, process.threads().orElse(0));
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
            if (process != null) {
                process.await();
            }
            pool.shutdown();
            pool.awaitTermination(2, TimeUnit.MINUTES);
            TimeUnit.SECONDS.sleep(2);
            long seenBefore = lastSeen(bench);
            device.heartbeat();
            TimeUnit.SECONDS.sleep(4); // heartbeats are written in batches, every second
            boolean heartbeatRecorded = lastSeen(bench) > seenBefore;

            List<Long> health = sorted(healthNanos);
            List<Long> acks = sorted(ackNanos);
            System.out.printf(Locale.ROOT, "login-flood: answers %s, client errors %s%n",
                    process != null ? process.answers() : inProcess.answers(),
                    process != null ? process.errors() : Integer.toString(inProcess.errors()));
            System.out.printf(Locale.ROOT, "login-flood: /healthz p50 %.0f ms, p99 %.0f ms, max %.0f ms over %d"
                            + " probes (%d not 200); goal p99 < 200 ms: %s%n", Percentiles.millis(health, 0.5),
                    Percentiles.millis(health, 0.99), Percentiles.millis(health, 1.0), health.size(),
                    healthBad.get(), Percentiles.millis(health, 0.99) < 200 ? "yes" : "NO");
            System.out.printf(Locale.ROOT, "login-flood: another device's ack p50 %.0f ms, p99 %.0f ms, max %.0f ms"
                            + " over %d captures (%d unacked, stream ended %d); goal p99 < 1 s: %s%n",
                    Percentiles.millis(acks, 0.5), Percentiles.millis(acks, 0.99), Percentiles.millis(acks, 1.0),
                    acks.size(), sentByEvent.size(), ended.get(),
                    Percentiles.millis(acks, 0.99) < 1000 ? "yes" : "NO");
            System.out.printf(Locale.ROOT, "login-flood: peak heap used %d MiB; heartbeat recorded afterwards: %s;"
                    + " threads in this JVM before %d, peak %d%s%n", peakHeap >> 20,
                    heartbeatRecorded ? "yes" : "NO", threadsBefore, peakThreads, fromProcess
                            ? " (console, device, probe); the visitors' process at its peak " + clientPeak
                            : " (console and every visitor)");
            System.out.println("  load average at the end: " + loadAverage());
            device.close();
        } finally {
            pool.shutdownNow();
            channels.forEach(ManagedChannel::shutdownNow);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "?";
        }
    }

    private static void probeHealth(String base, long until, List<Long> nanos, AtomicInteger bad) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        while (System.nanoTime() < until) {
            long start = System.nanoTime();
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                nanos.add(System.nanoTime() - start);
                if (status != 200) {
                    bad.incrementAndGet();
                }
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (Exception e) {
                bad.incrementAndGet();
            }
        }
    }

    private static long lastSeen(BenchConsole bench) {
        return bench.console().services().devices().list().stream()
                .mapToLong(device -> device.lastSeenAt().map(java.time.Instant::toEpochMilli).orElse(0L))
                .max().orElse(0);
    }

    private static List<Long> sorted(List<Long> values) {
        List<Long> out = new ArrayList<>(values);
        Collections.sort(out);
        return out;
    }
}
