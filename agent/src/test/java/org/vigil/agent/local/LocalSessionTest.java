package org.vigil.agent.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.agent.delivery.Backoff;
import org.vigil.agent.policy.AgentPolicy;
import org.vigil.agent.service.LocalSessionServer;
import org.vigil.agent.service.SessionHelpers;
import org.vigil.agent.session.LocalSessionClient;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.HelperHello;
import org.vigil.proto.v1.HelperMessage;
import org.vigil.proto.v1.HelperSettings;
import org.vigil.proto.v1.Monitoring;
import org.vigil.proto.v1.NoticeShown;
import org.vigil.proto.v1.Policy;
import org.vigil.proto.v1.SignInNotice;
import org.vigil.runtime.Supervisor;
import org.vigil.wordlists.WordlistBundle;

/** The two halves of the agent over a real Unix domain socket in a temporary folder. */
class LocalSessionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HelperSettings SETTINGS = HelperSettings.newBuilder().setContextChars(42)
            .addExcludedApps("keepassxc").build();

    @TempDir
    Path dir;

    private final Supervisor supervisor = new Supervisor((worker, cause) -> { }, Clock.systemUTC(),
            Duration.ofMillis(50));
    private final List<Event> spooled = new CopyOnWriteArrayList<>();
    private final SessionHelpers helpers = new SessionHelpers();
    private final AtomicReference<Policy> policy = new AtomicReference<>(AgentPolicy.inMemory().current());
    private final AtomicReference<SignInNotice> notice = new AtomicReference<>(SignInNotice.newBuilder()
            .setText("Monitored by Hillside Academy.").setPolicyLink("https://hillside.example/policy").build());
    private final List<NoticeShown> noticesShown = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();
    private UnixSocketTransport transport;
    private String osUser;

    @BeforeEach
    void setUp() throws IOException {
        transport = new UnixSocketTransport(dir.resolve("run").resolve("agent.sock"));
        osUser = Files.getOwner(Files.createFile(dir.resolve("mine"))).getName();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        supervisor.close();
    }

    @Test
    void theSignInNoticeReachesTheHelperAChangeFollowsAndAShowingCrossesUnderThePeersOsUser() throws Exception {
        LocalSessionServer server = startServer();
        LocalSessionClient client = startClient(AgentPolicy.inMemory());
        List<SignInNotice> changes = new CopyOnWriteArrayList<>();
        client.onNoticeChanged(changes::add);

        assertEquals(notice.get(), client.notice(WAIT).orElseThrow());
        client.noticeShown(NoticeShown.newBuilder().setUser("head-teacher").setShownAs("window")
                .setShownAt(Timestamp.newBuilder().setSeconds(1_790_000_000)).build());
        waitUntil("the showing at the service", () -> noticesShown.size() == 1);
        assertEquals(osUser, noticesShown.get(0).getUser(), "the peer's user, not the one the helper named");
        assertEquals("window", noticesShown.get(0).getShownAs());
        assertEquals(1_790_000_000, noticesShown.get(0).getShownAt().getSeconds());

        SignInNotice changed = SignInNotice.newBuilder().setText("Monitored: see the school's policy.").build();
        notice.set(changed);
        server.handOverChanged(); // as the device service's notice does when the console sends a new one
        waitUntil("the change pushed to the helper", () -> changes.contains(changed));
        assertEquals(changed, client.latestNotice().orElseThrow());
    }

    @Test
    void aHitCrossesUnderThePeersOsUserWhateverUserTheHelperClaims() throws Exception {
        startServer();
        LocalSessionClient client = startClient(AgentPolicy.inMemory());

        client.accept(event("e-1", "someone-else"));

        waitUntil("the event in the spool", () -> spooled.size() == 1);
        assertEquals(osUser, spooled.get(0).getUser());
        assertEquals("e-1", spooled.get(0).getEventId());
        waitUntil("the service's ack", () -> client.waiting() == 0);
        assertEquals(SETTINGS, client.settings(WAIT).orElseThrow());
    }

    @Test
    void theSocketAnyLocalUserCanReachIsInADirectoryOnlyTheServiceWritesTo() throws Exception {
        startServer();

        assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(transport.path())));
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(transport.path().getParent())));
    }

    @Test
    void thePolicyIsPushedOnConnectAndAgainWhenItChanges() throws Exception {
        WordlistBundle defaults = WordlistBundle.defaults();
        WordlistBundle smaller = defaults.without(defaults.categoryFiles().files().firstKey());
        policy.set(AgentPolicy.inMemory().current().toBuilder().setVersion(smaller.version())
                .setWordlist(com.google.protobuf.ByteString.copyFromUtf8(smaller.encode())).build());
        LocalSessionServer server = startServer();
        AgentPolicy helperPolicy = AgentPolicy.inMemory();
        startClient(helperPolicy);

        waitUntil("the policy pushed on connect", () -> helperPolicy.runningVersion().equals(smaller.version()));

        policy.set(AgentPolicy.inMemory().current());
        server.handOverChanged(); // as the device service's policy does when the console pushes one
        waitUntil("the changed policy pushed", () -> helperPolicy.runningVersion().equals(defaults.version()));
    }

    @Test
    void anOversizedMessageDropsThatConnectionAndTheServiceCarriesOn() throws Exception {
        startServer();
        try (SocketChannel peer = transport.connectChannel()) {
            peer.write(ByteBuffer.wrap(varint(WireNames.MAX_LOCAL_MESSAGE_BYTES + 1)));
            assertClosedByService(peer);
        }

        LocalSessionClient client = startClient(AgentPolicy.inMemory());
        client.accept(event("after-oversize", "pupil"));
        waitUntil("a hit from a well-behaved helper", () -> spooled.size() == 1);
    }

    @Test
    void aMalformedMessageDropsThatConnectionAndTheServiceCarriesOn() throws Exception {
        startServer();
        try (SocketChannel peer = transport.connectChannel()) {
            peer.write(ByteBuffer.wrap(new byte[] {4, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}));
            assertClosedByService(peer);
        }
        try (SocketChannel peer = transport.connectChannel()) {
            // an event before any hello breaks the contract too
            writeDelimited(peer, HelperMessage.newBuilder().setEvent(event("no-hello", "x")).build());
            assertClosedByService(peer);
        }

        LocalSessionClient client = startClient(AgentPolicy.inMemory());
        client.accept(event("after-garbage", "pupil"));
        waitUntil("a hit from a well-behaved helper", () -> spooled.size() == 1);
        assertEquals("after-garbage", spooled.get(0).getEventId());
    }

    @Test
    void aHelperGoneWithoutGoodbyeIsTamperUntilAHelperOfThatUserConnectsAgain() throws Exception {
        startServer();
        try (SocketChannel peer = transport.connectChannel()) {
            writeDelimited(peer, HelperMessage.newBuilder().setHello(HelperHello.newBuilder().setSessionId(":0"))
                    .build());
            writeDelimited(peer, HelperMessage.newBuilder().setMonitoring(Monitoring.newBuilder()
                    .setHookRegistered(true)).build());
            waitUntil("the helper's monitoring", () -> helpers.now().getHookRegistered());
        }

        waitUntil("the tamper report", () -> !helpers.now().getDeadWorkersList().isEmpty());
        Monitoring tampered = helpers.now();
        assertFalse(tampered.getHookRegistered());
        assertTrue(tampered.getDeadWorkers(0).startsWith("session helper for user " + osUser
                + " stopped without signing off at "), tampered.getDeadWorkers(0));

        LocalSessionClient client = startClient(AgentPolicy.inMemory());
        waitUntil("the tamper cleared by the helper's return",
                () -> helpers.now().getDeadWorkersList().isEmpty() && helpers.now().getHookRegistered());

        client.close();
        waitUntil("the clean goodbye's disconnect", () -> !helpers.now().getHookRegistered());
        assertEquals(List.of(), helpers.now().getDeadWorkersList());
    }

    @Test
    void afterAServiceRestartTheHelperReconnectsAndItsQueuedHitsArriveOnce() throws Exception {
        LocalSessionServer first = startServer();
        LocalSessionClient client = startClient(AgentPolicy.inMemory());
        client.accept(event("before", "pupil"));
        waitUntil("the first hit acknowledged", () -> client.waiting() == 0);

        first.close();
        waitUntil("the helper noticing", () -> !client.connected());
        client.accept(event("while-down-1", "pupil"));
        client.accept(event("while-down-2", "pupil"));
        assertEquals(2, client.waiting());

        startServer();
        waitUntil("the queued hits acknowledged", () -> client.waiting() == 0);
        Thread.sleep(500);
        assertEquals(List.of("before", "while-down-1", "while-down-2"),
                spooled.stream().map(Event::getEventId).toList());
    }

    private LocalSessionServer startServer() throws IOException {
        LocalSessionServer server = new LocalSessionServer(transport, spooled::add, policy::get, SETTINGS, notice::get,
                noticesShown::add, helpers, supervisor, Clock.systemUTC());
        server.start();
        open.add(server);
        return server;
    }

    private LocalSessionClient startClient(AgentPolicy helperPolicy) throws IOException {
        LocalSessionClient client = new LocalSessionClient(transport, HelperHello.newBuilder().setSessionId(":0")
                .setHelperVersion("test").build(), helperPolicy,
                new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), RandomGenerator.getDefault()),
                supervisor, Clock.systemUTC());
        client.start(() -> Monitoring.newBuilder().setHookRegistered(true).build());
        open.add(client);
        return client;
    }

    private static Event event(String id, String user) {
        return Event.newBuilder().setEventId(id).setUser(user).setCategory("bullying").setSeverity(3)
                .setMatchedText("everyone hates you").build();
    }

    private static void writeDelimited(SocketChannel peer, HelperMessage message) throws IOException {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        message.writeDelimitedTo(bytes);
        peer.write(ByteBuffer.wrap(bytes.toByteArray()));
    }

    private static byte[] varint(int value) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        while ((value & ~0x7f) != 0) {
            bytes.write((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        bytes.write(value);
        return bytes.toByteArray();
    }

    /** The service closed its end: a read sees the end of the stream (or a reset), never a hang. */
    private static void assertClosedByService(SocketChannel peer) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            int n;
            try {
                n = peer.read(buffer);
            } catch (IOException e) {
                return;
            }
            if (n < 0) {
                return;
            }
            buffer.clear();
        }
        throw new AssertionError("the service kept the connection open");
    }

    private static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
