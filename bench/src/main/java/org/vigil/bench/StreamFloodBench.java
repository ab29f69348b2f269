package org.vigil.bench;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.vigil.agent.delivery.DeviceCredentialsInterceptor;
import org.vigil.proto.v1.AgentGatewayGrpc;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Hello;

/**
 * Stream flood (issue 13): one enrolled device opens {@code --streams} Connect streams, each with a Hello, over
 * {@code --channels} TLS connections, as fast as the console takes them. Meanwhile one probe asks {@code /healthz}
 * every 100 ms and another device sends a capture every 200 ms. Reports p50/p99 of both, what became of the flood's
 * streams, and the JVM's threads before, at the peak during and after the flood (by name, so the console's own can
 * be told from the flooding clients', which run in this JVM too). Run with the console's heap, e.g.
 * {@code java -Xmx512m -jar vigil-bench.jar stream-flood}.
 */
final class StreamFloodBench {
    private final int streams;
    private final int channelCount;

    StreamFloodBench(int streams, int channelCount) {
        this.streams = streams;
        this.channelCount = channelCount;
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
            for (int c = 1; c < channelCount; c++) {
                floodChannels.add(bench.channel());
            }
            channels.addAll(floodChannels.subList(1, floodChannels.size()));
            TimeUnit.SECONDS.sleep(2);
            Map<String, Integer> threadsBefore = threadsByName();

            AtomicBoolean flooding = new AtomicBoolean(true);
            List<Long> healthNanos = new CopyOnWriteArrayList<>();
            AtomicInteger healthBad = new AtomicInteger();
            probes.submit(() -> probeHealth(base, flooding, healthNanos, healthBad));
            Map<String, Integer>[] peak = new Map[] {threadsBefore};
            probes.submit(() -> {
                while (flooding.get()) {
                    Map<String, Integer> now = threadsByName();
                    if (total(now) > total(peak[0])) {
                        peak[0] = now;
                    }
                    TimeUnit.MILLISECONDS.sleep(100);
                }
                return null;
            });

            Map<String, AtomicInteger> endings = new ConcurrentHashMap<>();
            AtomicInteger floodEnded = new AtomicInteger();
            List<StreamObserver<AgentMessage>> flood = new ArrayList<>();
            long start = System.nanoTime();
            int seq = 1;
            long nextCapture = start;
            for (int i = 0; i < streams; i++) {
                StreamObserver<AgentMessage> requests = AgentGatewayGrpc.newStub(floodChannels.get(i % channelCount))
                        .withInterceptors(new DeviceCredentialsInterceptor(flooder))
                        .connect(new StreamObserver<ConsoleMessage>() {
                            @Override
                            public void onNext(ConsoleMessage message) {
                            }

                            @Override
                            public void onError(Throwable t) {
                                endings.computeIfAbsent(io.grpc.Status.fromThrowable(t).getCode().name(),
                                        code -> new AtomicInteger()).incrementAndGet();
                                floodEnded.incrementAndGet();
                            }

                            @Override
                            public void onCompleted() {
                                endings.computeIfAbsent("OK", code -> new AtomicInteger()).incrementAndGet();
                                floodEnded.incrementAndGet();
                            }
                        });
                requests.onNext(AgentMessage.newBuilder().setHello(Hello.newBuilder().setAgentVersion("flood-" + i))
                        .build());
                flood.add(requests);
                if (System.nanoTime() >= nextCapture) {
                    seq = sendCapture(honest, sentByEvent, seq);
                    nextCapture = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
                }
            }
            double openedSeconds = (System.nanoTime() - start) / 1e9;
            // the flood settles when every stream but the device's live one has ended
            long settleBy = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (floodEnded.get() < streams - 1 && System.nanoTime() < settleBy) {
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
            flood.forEach(requests -> {
                try {
                    requests.onCompleted();
                } catch (RuntimeException e) {
                    // already ended
                }
            });
            TimeUnit.SECONDS.sleep(40); // idle handler threads time out after 30 s
            Map<String, Integer> threadsAfter = threadsByName();

            List<Long> health = sorted(healthNanos);
            List<Long> acks = sorted(ackNanos);
            Map<String, Integer> byEnding = new TreeMap<>();
            endings.forEach((code, count) -> byEnding.put(code, count.get()));
            System.out.printf(Locale.ROOT, "stream-flood: %d streams from one device over %d connections opened in"
                    + " %.1f s, settled in %.1f s; endings %s; live streams at the end %d (the honest device's and"
                    + " the flood's last)%n", streams, channelCount, openedSeconds, settledSeconds, byEnding,
                    liveAtEnd);
            System.out.printf(Locale.ROOT, "stream-flood: /healthz p50 %.0f ms, p99 %.0f ms, max %.0f ms over %d"
                            + " probes (%d not 200); goal p99 < 200 ms: %s%n", Percentiles.millis(health, 0.5),
                    Percentiles.millis(health, 0.99), Percentiles.millis(health, 1.0), health.size(),
                    healthBad.get(), Percentiles.millis(health, 0.99) < 200 ? "yes" : "NO");
            System.out.printf(Locale.ROOT, "stream-flood: another device's ack p50 %.0f ms, p99 %.0f ms, max %.0f ms"
                            + " over %d captures (%d unacked, its stream ended %d); goal p99 < 1 s: %s%n",
                    Percentiles.millis(acks, 0.5), Percentiles.millis(acks, 0.99), Percentiles.millis(acks, 1.0),
                    acks.size(), sentByEvent.size(), honestEnded.get(),
                    Percentiles.millis(acks, 0.99) < 1000 ? "yes" : "NO");
            System.out.printf(Locale.ROOT, "stream-flood: threads before %d, peak during %d, after %d%n",
                    total(threadsBefore), total(peak[0]), total(threadsAfter));
            System.out.println("  before: " + threadsBefore);
            System.out.println("  peak:   " + peak[0]);
            System.out.println("  after:  " + threadsAfter);
            System.out.println(BenchConsole.memory() + " (console and the flooding clients in this one JVM)");
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
