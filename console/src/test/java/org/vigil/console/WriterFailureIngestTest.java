package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.ingest.AgentGatewayService;
import org.vigil.console.ingest.CaptureWriter;
import org.vigil.console.ingest.EnrolmentThrottle;
import org.vigil.console.ingest.EventValidator;
import org.vigil.console.ingest.GrpcExecutors;
import org.vigil.console.ingest.GrpcServerFactory;
import org.vigil.console.ingest.HeartbeatRecorder;
import org.vigil.console.ingest.LiveStreams;
import org.vigil.console.ingest.PolicyPush;
import org.vigil.console.ingest.SignInNotices;
import org.vigil.console.ingest.StreamAllowance;
import org.vigil.console.ingest.StreamParts;
import org.vigil.console.policy.Policies;
import org.vigil.console.policy.SchoolPolicies;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.PolicyRepository;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.Database;
import org.vigil.console.store.NoticeShownRepository;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.EnrolmentTokenRepository;
import org.vigil.console.store.FileScreenshotStore;
import org.vigil.console.store.ForwardingScreenshotStore;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.NewCaptureHook;
import org.vigil.console.store.NewDevice;
import org.vigil.console.store.ScreenshotStore;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.ConsoleMessage;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Screenshot;
import org.vigil.runtime.Supervisor;
import org.vigil.runtime.WorkerHealth;
import org.vigil.wordlists.WordlistBundle;

/**
 * An agent's view of a capture writer that fails with an {@code Error}: its stream is ended so it retries (not
 * left waiting for an ack), the writer is restarted, and the event sent again is stored and acked. Real gRPC on
 * loopback and a real SQLite file; the screenshot store is the one seam, as no real write throws an {@code Error}
 * on demand.
 */
class WriterFailureIngestTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String DEVICE = "4d1c1a52-0000-4000-8000-000000000001";
    private static final String SECRET = "a-device-secret-of-enough-length-for-the-test";
    private static final byte[] POISON = "not a screenshot: the store throws".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private final List<String> fatal = new CopyOnWriteArrayList<>();
    private final Supervisor supervisor = new Supervisor((worker, cause) -> fatal.add(worker), Clock.systemUTC(),
            Duration.ofMillis(10));
    private volatile boolean poisoned = true;
    private CaptureRepository captures;
    private CaptureWriter writer;
    private LiveStreams live;
    private HeartbeatRecorder heartbeats;
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        Clock clock = Clock.systemUTC();
        Database database = Database.open(dir.resolve("vigil.db"));
        EnrolmentTokenRepository tokens = new EnrolmentTokenRepository(database, clock);
        tokens.mint(Duration.ofDays(1), "test");
        DeviceRepository devices = new DeviceRepository(database, clock);
        devices.insert(new NewDevice(DEVICE, Hashes.sha256Hex(SECRET), "host", "Linux", "1.0", "pupil", 1));
        ScreenshotStore files = new FileScreenshotStore(dir.resolve("screenshots"));
        captures = new CaptureRepository(database, new ForwardingScreenshotStore(files) {
            @Override
            public StoredScreenshot put(byte[] data, String mediaType) {
                if (poisoned && Arrays.equals(data, POISON)) {
                    throw new NoClassDefFoundError("org/vigil/NotOnTheClasspath");
                }
                return super.put(data, mediaType);
            }
        }, clock, NewCaptureHook.NONE);
        writer = new CaptureWriter(captures, supervisor);
        live = new LiveStreams(devices, Duration.ofHours(1), supervisor);
        heartbeats = new HeartbeatRecorder(devices, live, Duration.ofHours(1), supervisor);
        StreamParts parts = new StreamParts(devices, writer, new EventValidator(clock, category -> true), live,
                new PolicyPush(live, devices, schoolPolicies(database, clock)), heartbeats,
                new SignInNotices(school -> Map.of(), () -> List.of(1L), device -> Optional.empty(), scope -> Map.of(),
                        new NoticeShownRepository(database, clock), live));
        server = new GrpcServerFactory(new AgentGatewayService(tokens, parts), devices, new EnrolmentThrottle(clock),
                new StreamAllowance(clock), GrpcExecutors.bounded())
                .build(NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))).start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext()
                .maxInboundMessageSize(WireNames.MAX_MESSAGE_BYTES).build();
    }

    private static SchoolPolicies schoolPolicies(Database database, Clock clock) {
        AuditLog audit = new AuditLog(database, clock);
        PolicyRepository store = new PolicyRepository(database, clock);
        Policies policies = new Policies(store, audit, database);
        policies.seedIfEmpty(WordlistBundle.defaults());
        return new SchoolPolicies(policies, store, new SchoolRepository(database, clock), audit, database);
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        heartbeats.close();
        live.close();
        writer.close();
        supervisor.close();
    }

    @Test
    void aWriterErrorEndsTheStreamForARetryAndTheEventSentAgainIsStoredAndAcked() throws Exception {
        Event event = Events.valid().setScreenshot(Screenshot.newBuilder().setMediaType("image/png")
                .setData(ByteString.copyFrom(POISON)).setWidth(1).setHeight(1)).build();
        DeviceStream first = stream();
        first.send(event);
        Status ended = first.awaitEnd(WAIT);
        assertEquals(Status.Code.UNAVAILABLE, ended.getCode(), "the agent is told to retry, not left waiting");
        assertNull(first.poll(Duration.ZERO), "no ack for what was not stored");
        waitUntil(WAIT, "the writer runs again after its failure", () -> {
            WorkerHealth health = writerHealth();
            return health.failures() == 1 && health.state() == WorkerHealth.State.RUNNING;
        });

        poisoned = false;
        try (DeviceStream again = stream()) {
            again.send(event);
            ConsoleMessage ack = again.take(WAIT);
            assertTrue(ack.hasAck(), "acked: " + ack);
            assertEquals(event.getEventId(), ack.getAck().getEventId());
        }
        assertEquals(1, captures.count());
        assertEquals(List.of(), fatal);
    }

    private WorkerHealth writerHealth() {
        return supervisor.health().stream().filter(worker -> worker.name().equals("vigil-capture-writer"))
                .findFirst().orElseThrow();
    }

    /** One Connect stream as the agent holds it, on this test's plaintext channel. */
    private DeviceStream stream() {
        return new DeviceStream(responses -> GrpcTestClient.connect(channel, DEVICE, SECRET, responses), message -> { });
    }
}
