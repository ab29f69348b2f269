package org.vigil.bench;

import io.grpc.ManagedChannel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vigil.proto.v1.Event;

/**
 * Sign-in flood (issue 13): {@code --visitors} anonymous clients, each fetching the sign-in form and posting a
 * random username and password as fast as it is answered, for {@code --seconds}. Meanwhile one probe asks
 * {@code /healthz} every 100 ms and another device sends a capture every 200 ms; reports p50/p99 of both, the
 * answers the visitors got, heap use, and whether a heartbeat is still recorded afterwards. Run it with the heap
 * the console would have, e.g. {@code java -Xmx512m -jar vigil-bench.jar login-flood}.
 */
final class LoginFloodBench {
    private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final int visitors;
    private final int seconds;

    LoginFloodBench(int visitors, int seconds) {
        this.visitors = visitors;
        this.seconds = seconds;
    }

    void run() throws Exception {
        List<ManagedChannel> channels = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(visitors + 2);
        try (BenchConsole bench = new BenchConsole()) {
            String base = "http://127.0.0.1:" + bench.console().httpPort();
            Map<Long, Long> ackSentAt = new ConcurrentHashMap<>();
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
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
            AtomicInteger errors = new AtomicInteger();
            for (int v = 0; v < visitors; v++) {
                pool.submit(() -> flood(base, until, answers, errors));
            }
            List<Long> healthNanos = new CopyOnWriteArrayList<>();
            AtomicInteger healthBad = new AtomicInteger();
            pool.submit(() -> probeHealth(base, until, healthNanos, healthBad));
            long peakHeap = 0;
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            System.out.printf(Locale.ROOT, "login-flood: %d visitors for %d s, max heap %d MiB...%n", visitors,
                    seconds, Runtime.getRuntime().maxMemory() >> 20);
            for (int seq = 1; System.nanoTime() < until; seq++) {
                Event event = BenchEvents.capture(seq, "bullying", 2);
                sentByEvent.put(event.getEventId(), System.nanoTime());
                device.send(event);
                peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
                TimeUnit.MILLISECONDS.sleep(200);
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
            Map<Integer, Integer> byStatus = new TreeMap<>();
            answers.forEach((status, count) -> byStatus.put(status, count.get()));
            System.out.printf(Locale.ROOT, "login-flood: answers %s, client errors %d%n", byStatus, errors.get());
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
                    + " threads %d%n", peakHeap >> 20, heartbeatRecorded ? "yes" : "NO", Thread.activeCount());
            device.close();
        } finally {
            pool.shutdownNow();
            channels.forEach(ManagedChannel::shutdownNow);
        }
    }

    private static void flood(String base, long until, Map<Integer, AtomicInteger> answers, AtomicInteger errors) {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        while (System.nanoTime() < until) {
            try {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() == 429) { // the address's requests without a session are limited
                    answers.computeIfAbsent(429, s -> new AtomicInteger()).incrementAndGet();
                    continue;
                }
                Matcher token = TOKEN.matcher(page.body());
                if (!token.find()) {
                    errors.incrementAndGet();
                    continue;
                }
                String body = "csrf=" + enc(token.group(1)) + "&username=" + enc(UUID.randomUUID().toString())
                        + "&password=" + enc("guess-" + UUID.randomUUID());
                int status = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
            } catch (Exception e) {
                errors.incrementAndGet();
            }
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

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
