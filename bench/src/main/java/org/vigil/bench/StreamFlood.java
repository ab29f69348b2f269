package org.vigil.bench;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.vigil.agent.delivery.DeviceCredentials;
import org.vigil.agent.delivery.DeviceCredentialsInterceptor;
import org.vigil.proto.v1.AgentGatewayGrpc;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.Hello;

/**
 * The flood itself: one device's credentials opening {@code streams} Connect streams, each with a Hello, spread over
 * the channels in turn, as fast as the client takes them. Counts how each stream ended. Used in the harness's JVM or
 * in a process of its own ({@link StreamFloodClient}).
 */
final class StreamFlood {
    private final List<ManagedChannel> channels;
    private final DeviceCredentials device;
    private final int streams;
    private final Map<String, AtomicInteger> endings = new ConcurrentHashMap<>();
    private final AtomicInteger ended = new AtomicInteger();
    private final List<StreamObserver<AgentMessage>> opened = new ArrayList<>();
    private volatile double openedSeconds = -1;
    private volatile long startNanos;
    private volatile long lastEndNanos;
    private volatile long openedNanos;

    StreamFlood(List<ManagedChannel> channels, DeviceCredentials device, int streams) {
        this.channels = List.copyOf(channels);
        this.device = device;
        this.streams = streams;
    }

    /** Starts every stream (calls beyond a connection's limit wait in the client); returns once all are started. */
    void open() {
        long start = System.nanoTime();
        startNanos = start;
        lastEndNanos = start;
        for (int i = 0; i < streams; i++) {
            StreamObserver<AgentMessage> requests = AgentGatewayGrpc.newStub(channels.get(i % channels.size()))
                    .withInterceptors(new DeviceCredentialsInterceptor(device))
                    .connect(new StreamObserver<ConsoleMessage>() {
                        @Override
                        public void onNext(ConsoleMessage message) {
                        }

                        @Override
                        public void onError(Throwable t) {
                            end(Status.fromThrowable(t).getCode().name());
                        }

                        @Override
                        public void onCompleted() {
                            end("OK");
                        }
                    });
            requests.onNext(AgentMessage.newBuilder().setHello(Hello.newBuilder().setAgentVersion("flood-" + i))
                    .build());
            synchronized (opened) {
                opened.add(requests);
            }
        }
        openedNanos = System.nanoTime();
        openedSeconds = (System.nanoTime() - start) / 1e9;
    }

    private void end(String code) {
        endings.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
        ended.incrementAndGet();
        lastEndNanos = System.nanoTime();
    }

    /**
     * Every stream has been started and all but the device's one live stream have ended, or none has ended for
     * {@link #QUIET} since the last was started and the last ended (the console closed the flood's connections, and the calls this client still queues have
     * nowhere to go until it connects again: the console's part is over).
     */
    boolean settled() {
        return openedSeconds >= 0 && (ended.get() >= streams - 1
                || System.nanoTime() - Math.max(lastEndNanos, openedNanos) > QUIET.toNanos());
    }

    static final Duration QUIET = Duration.ofSeconds(15);

    /** Seconds from the first stream's start to the last stream's end. */
    double lastEndingSeconds() {
        return (lastEndNanos - startNanos) / 1e9;
    }

    /** Seconds taken to start them all, or -1 while starting. */
    double openedSeconds() {
        return openedSeconds;
    }

    /** How the ended streams ended, by status code, in one line ({@code ABORTED=203 RESOURCE_EXHAUSTED=9796}). */
    String endings() {
        Map<String, Integer> byCode = new TreeMap<>();
        endings.forEach((code, count) -> byCode.put(code, count.get()));
        StringBuilder line = new StringBuilder();
        byCode.forEach((code, count) -> line.append(line.length() == 0 ? "" : " ").append(code).append('=')
                .append(count));
        return line.toString();
    }

    /** Half-closes every stream still open. */
    void finish() {
        synchronized (opened) {
            opened.forEach(requests -> {
                try {
                    requests.onCompleted();
                } catch (RuntimeException e) {
                    // already ended
                }
            });
        }
    }

    String summary() {
        return String.format(Locale.ROOT, "%d streams over %d connections started in %.1f s; endings %s; %d not"
                        + " ended (queued in this client); the last ending %.1f s after the first start", streams,
                channels.size(), openedSeconds, endings(), streams - ended.get(), lastEndingSeconds());
    }
}
