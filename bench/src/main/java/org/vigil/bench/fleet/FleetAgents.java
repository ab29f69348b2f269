package org.vigil.bench.fleet;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.vigil.agent.delivery.ConsoleChannels;
import org.vigil.agent.delivery.DeviceCredentials;
import org.vigil.agent.delivery.DeviceCredentialsInterceptor;
import org.vigil.proto.CertificateFingerprint;
import org.vigil.proto.v1.AgentGatewayGrpc;
import org.vigil.proto.v1.AgentMessage;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.Heartbeat;
import org.vigil.proto.v1.Hello;

/**
 * The simulated agents, in a JVM of their own ({@code fleet-agents ADDRESS_A ADDRESS_B CA_FINGERPRINT AGENTS
 * PER_CONNECTION HEARTBEAT_SECONDS POLICY_VERSION FAILOVER}, the secrets' key in {@code VIGIL_FLEET_KEY}): device N (seeded
 * by the harness) connects to instance A if N is even, B if odd, one Connect stream each, at most
 * {@code PER_CONNECTION} streams on one TLS connection (the console allows 32 calls a connection), says Hello
 * naming the policy in force, then sends a heartbeat every {@code HEARTBEAT_SECONDS}, the devices spread evenly
 * over the period. Tells the harness on stdout: {@code connected SECONDS} (every TLS connection made, a few at a
 * time), {@code opened SECONDS}, then every 5 s {@code status …}; half-closes
 * its streams and exits when its stdin closes. With {@code FAILOVER} true, a second set of connections to B is
 * made at the start, and an agent whose stream to A ends opens one to B at once (Hello again), as every agent of
 * a killed instance does behind a balancer.
 */
public final class FleetAgents {
    static final String OPENED = "opened ";
    static final String STATUS = "status ";
    static final String CONNECTED = "connected ";
    /** TLS connections being made at one time (per instance). */
    private static final int HANDSHAKES_AT_ONCE = 8;
    /** The seeded devices' ids, in SQL over {@code n} and in Java: the harness and this process must agree. */
    static final String ID_SQL = "'fleet-' || lpad(n::text, 5, '0')";

    private final AtomicLong heartbeats = new AtomicLong();
    private final AtomicLong sendErrors = new AtomicLong();
    private final AtomicInteger[] ended = {new AtomicInteger(), new AtomicInteger()};
    private final Map<String, AtomicInteger> endings = new ConcurrentHashMap<>();
    private final AtomicLong failedOver = new AtomicLong();
    /** Connections to B that A's agents move to (FAILOVER), in the order of A's own. */
    private final List<ManagedChannel> failoverChannels = new ArrayList<>();
    private AtomicReferenceArray<StreamObserver<AgentMessage>> streams;
    private String policyVersion;
    private String key;
    private int perConnection;

    private FleetAgents() {
    }

    static String deviceId(int n) {
        return String.format(Locale.ROOT, "fleet-%05d", n);
    }

    public static void run(List<String> args) throws Exception {
        if (args.size() != 8) {
            throw new IllegalArgumentException("usage: fleet-agents ADDRESS_A ADDRESS_B CA_FINGERPRINT AGENTS"
                    + " PER_CONNECTION HEARTBEAT_SECONDS POLICY_VERSION FAILOVER");
        }
        String key = System.getenv("VIGIL_FLEET_KEY");
        if (key == null) {
            throw new IllegalArgumentException("VIGIL_FLEET_KEY must be set");
        }
        new FleetAgents().drive(List.of(args.get(0), args.get(1)), CertificateFingerprint.parse(args.get(2)),
                Integer.parseInt(args.get(3)), Integer.parseInt(args.get(4)), Integer.parseInt(args.get(5)),
                args.get(6), key, Boolean.parseBoolean(args.get(7)));
    }

    private void drive(List<String> addresses, CertificateFingerprint ca, int agents, int perConnection,
                       int heartbeatSeconds, String policyVersion, String key, boolean failover) throws Exception {
        this.policyVersion = policyVersion;
        this.key = key;
        this.perConnection = perConnection;
        int perInstance = (agents + 1) / 2;
        int connections = (perInstance + perConnection - 1) / perConnection;
        List<List<ManagedChannel>> channels = List.of(new ArrayList<>(), new ArrayList<>());
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor();
        try {
            long start = System.nanoTime();
            for (int c = 0; c < connections; c += HANDSHAKES_AT_ONCE) {
                List<ManagedChannel> group = new ArrayList<>();
                for (int i = c; i < Math.min(connections, c + HANDSHAKES_AT_ONCE); i++) {
                    for (int instance = 0; instance < 2; instance++) {
                        ManagedChannel channel = ConsoleChannels.open(addresses.get(instance), ca);
                        channels.get(instance).add(channel);
                        group.add(channel);
                    }
                    if (failover) {
                        ManagedChannel channel = ConsoleChannels.open(addresses.get(1), ca);
                        failoverChannels.add(channel);
                        group.add(channel);
                    }
                }
                awaitReady(group);
            }
            System.out.println(CONNECTED + String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
            streams = new AtomicReferenceArray<>(agents);
            long periodMillis = heartbeatSeconds * 1000L;
            for (int n = 0; n < agents; n++) {
                int instance = n % 2;
                int agent = n;
                connect(agent, channels.get(instance).get((n / 2) / perConnection), instance, failover);
                // every device heartbeats once a period; their beats are spread evenly over it
                beats.scheduleAtFixedRate(() -> heartbeat(streams.get(agent)), periodMillis * n / agents
                        + periodMillis, periodMillis, TimeUnit.MILLISECONDS);
            }
            System.out.println(OPENED + String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
            beats.scheduleAtFixedRate(() -> System.out.println(STATUS + status(agents)), 5, 5, TimeUnit.SECONDS);
            awaitEndOf(System.in);
            beats.shutdownNow();
            beats.awaitTermination(5, TimeUnit.SECONDS);
            for (int n = 0; n < agents; n++) {
                try {
                    streams.get(n).onCompleted();
                } catch (RuntimeException e) {
                    // ended already
                }
            }
        } finally {
            beats.shutdownNow();
            channels.forEach(list -> list.forEach(ManagedChannel::shutdownNow));
            failoverChannels.forEach(ManagedChannel::shutdownNow);
        }
    }

    /** Opens agent N's stream on the channel and says Hello; one to A moves to B when it ends, if failing over. */
    private void connect(int n, ManagedChannel channel, int instance, boolean failover) {
        StreamObserver<AgentMessage> stream = open(channel, new DeviceCredentials(deviceId(n), key + "-" + n),
                instance, failover && instance == 0 ? () -> {
                    failedOver.incrementAndGet();
                    connect(n, failoverChannels.get((n / 2) / perConnection), 1, false);
                } : () -> { });
        stream.onNext(AgentMessage.newBuilder().setHello(Hello.newBuilder().setDeviceId(deviceId(n))
                .setAgentVersion("fleet").setOs("Linux 6.1").setUser("pupil" + n)
                .setPolicyVersion(policyVersion)).build());
        streams.set(n, stream);
    }

    /**
     * Connects the channels (TLS handshakes) and waits until each is ready: hundreds of handshakes started at once
     * on a loaded machine time out and start again, over and over, and the streams queued on them never start.
     */
    private static void awaitReady(List<ManagedChannel> group) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (ManagedChannel channel : group) {
            while (channel.getState(true) != ConnectivityState.READY && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
    }

    private StreamObserver<AgentMessage> open(ManagedChannel channel, DeviceCredentials credentials, int instance,
                                              Runnable afterError) {
        return AgentGatewayGrpc.newStub(channel).withInterceptors(new DeviceCredentialsInterceptor(credentials))
                .connect(new StreamObserver<ConsoleMessage>() {
                    @Override
                    public void onNext(ConsoleMessage message) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        end(instance, Status.fromThrowable(t).getCode().name());
                        afterError.run();
                    }

                    @Override
                    public void onCompleted() {
                        end(instance, "OK");
                    }
                });
    }

    private void heartbeat(StreamObserver<AgentMessage> stream) {
        if (stream == null) {
            return;
        }
        try {
            stream.onNext(AgentMessage.newBuilder().setHeartbeat(Heartbeat.newBuilder().setSpoolDepth(0)).build());
            heartbeats.incrementAndGet();
        } catch (RuntimeException e) {
            sendErrors.incrementAndGet();
        }
    }

    private void end(int instance, String code) {
        ended[instance].incrementAndGet();
        endings.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
    }

    /** {@code heartbeats=N errors=N endedA=N endedB=N endings=CODE:N,…}: what the harness parses. */
    private String status(int agents) {
        Map<String, Integer> byCode = new TreeMap<>();
        endings.forEach((code, count) -> byCode.put(code, count.get()));
        StringBuilder codes = new StringBuilder();
        byCode.forEach((code, count) -> codes.append(codes.length() == 0 ? "" : ",").append(code).append(':')
                .append(count));
        return "heartbeats=" + heartbeats.get() + " errors=" + sendErrors.get() + " endedA=" + ended[0].get()
                + " endedB=" + ended[1].get() + " failedOver=" + failedOver.get() + " endings="
                + (codes.length() == 0 ? "-" : codes);
    }

    private static void awaitEndOf(InputStream in) throws IOException {
        while (in.read() >= 0) {
            // the harness closes our stdin when it is done
        }
    }
}
