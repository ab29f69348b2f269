package org.vigil.agent.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigil.agent.delivery.Backoff;
import org.vigil.agent.local.FakeNamedPipes.Process;
import org.vigil.agent.policy.AgentPolicy;
import org.vigil.agent.service.PipeSessionServer;
import org.vigil.agent.service.SessionHelpers;
import org.vigil.agent.session.LocalSessionClient;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.HelperHello;
import org.vigil.proto.v1.HelperMessage;
import org.vigil.proto.v1.HelperSettings;
import org.vigil.proto.v1.Monitoring;
import org.vigil.proto.v1.NoticeShown;
import org.vigil.proto.v1.Policy;
import org.vigil.proto.v1.SignInNotice;
import org.vigil.runtime.Supervisor;

/**
 * The two halves of the agent over a Windows named pipe: the real service and helper code over
 * {@link FakeNamedPipes}, Windows' pipes as documented, with the service as SYSTEM and each helper a process of an
 * interactive user whose token names its account. The conversation itself is the one {@link LocalSessionTest}
 * runs over a real Unix socket.
 */
class PipeSessionTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String PIPE = NamedPipeTransport.DEFAULT_NAME;
    private static final HelperSettings SETTINGS = HelperSettings.newBuilder().setContextChars(42).build();
    private static final Process PUPIL = FakeNamedPipes.pupil("HILLSIDE\\jsmith");

    private final FakeNamedPipes windows = new FakeNamedPipes();
    private final Supervisor supervisor = new Supervisor((worker, cause) -> { }, Clock.systemUTC(),
            Duration.ofMillis(50));
    private final List<Event> spooled = new CopyOnWriteArrayList<>();
    private final SessionHelpers helpers = new SessionHelpers();
    private final AtomicReference<Policy> policy = new AtomicReference<>(AgentPolicy.inMemory().current());
    private final List<NoticeShown> noticesShown = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        supervisor.close();
    }

    @Test
    void aHitCrossesUnderTheAccountOfThePipeClientsTokenWhateverUserTheHelperClaims() throws Exception {
        startServer();
        LocalSessionClient client = startClient(PUPIL);

        client.accept(event("e-1", "HILLSIDE\\head-teacher"));

        waitUntil("the event in the spool", () -> spooled.size() == 1);
        assertEquals("HILLSIDE\\jsmith", spooled.get(0).getUser(), "the token's account, not the claimed one");
        waitUntil("the service's ack", () -> client.waiting() == 0);
        assertEquals(SETTINGS, client.settings(WAIT).orElseThrow());
        assertTrue(client.notice(WAIT).isPresent());
    }

    @Test
    void eachHelperIsRecordedAsItsOwnUserOnItsOwnInstance() throws Exception {
        startServer();
        LocalSessionClient first = startClient(PUPIL);
        LocalSessionClient second = startClient(FakeNamedPipes.pupil("HILLSIDE\\akhan"));
        waitUntil("both connected", () -> first.connected() && second.connected());

        first.accept(event("from-jsmith", "x"));
        second.accept(event("from-akhan", "x"));

        waitUntil("both events", () -> spooled.size() == 2);
        assertEquals(Set.of("from-jsmith=HILLSIDE\\jsmith", "from-akhan=HILLSIDE\\akhan"),
                Set.copyOf(spooled.stream().map(e -> e.getEventId() + "=" + e.getUser()).toList()));
    }

    @Test
    void aPipeNameTakenBeforeTheServiceStartsIsRefusedClearly() throws Exception {
        // a pupil's program posing as the service takes the name first
        NamedPipes squatter = windows.as(PUPIL);
        squatter.createInstance(PIPE, true, 1, "D:(A;;GA;;;WD)");

        IOException refused = assertThrows(IOException.class, () -> server().start());

        assertTrue(refused.getMessage().contains("another process already holds this pipe"), refused.getMessage());
        assertTrue(refused.getMessage().contains(PIPE), refused.getMessage());
    }

    @Test
    void aSecondServiceOnTheSamePipeIsRefused() throws Exception {
        startServer();
        IOException refused = assertThrows(IOException.class, () -> server().start());
        assertTrue(refused.getMessage().contains("FILE_FLAG_FIRST_PIPE_INSTANCE"), refused.getMessage());
    }

    @Test
    void theDaclLetsInteractiveUsersConnectButNotMakeInstancesOfTheirOwn() throws Exception {
        startServer();
        NamedPipes pupil = windows.as(PUPIL);

        PipeException denied = assertThrows(PipeException.class,
                () -> pupil.createInstance(PIPE, false, 32, "D:(A;;GA;;;WD)"));
        assertEquals(NamedPipes.ERROR_ACCESS_DENIED, denied.error());
        long connected = pupil.open(PIPE);
        pupil.close(connected);

        NamedPipes network = windows.as(new Process(Optional.of("HILLSIDE\\visitor"), Set.of("NU")));
        assertEquals(NamedPipes.ERROR_ACCESS_DENIED, assertThrows(PipeException.class, () -> network.open(PIPE))
                .error(), "only SYSTEM, Administrators and interactive users are in the DACL");
    }

    @Test
    void aClientWhoseTokenCannotBeReadIsRefusedAndOthersCarryOn() throws Exception {
        startServer();
        NamedPipes unknown = windows.as(new Process(Optional.empty(), Set.of("IU")));
        long pipe = openWhenListening(unknown);
        waitUntil("the refusal", () -> {
            try {
                unknown.available(pipe);
                return false;
            } catch (PipeException e) {
                return e.error() == NamedPipes.ERROR_BROKEN_PIPE;
            }
        });

        LocalSessionClient client = startClient(PUPIL);
        client.accept(event("after", "x"));
        waitUntil("a hit from a helper with a token", () -> spooled.size() == 1);
    }

    @Test
    void aMalformedMessageDropsThatConnectionOnly() throws Exception {
        startServer();
        NamedPipes rogue = windows.as(PUPIL);
        long pipe = openWhenListening(rogue);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HelperMessage.newBuilder().setEvent(event("no-hello", "x")).build().writeDelimitedTo(bytes);
        rogue.write(pipe, bytes.toByteArray());
        waitUntil("the service closing that pipe", () -> {
            try {
                rogue.available(pipe);
                return false;
            } catch (PipeException e) {
                return true;
            }
        });
        assertEquals(List.of(), spooled);

        LocalSessionClient client = startClient(PUPIL);
        client.accept(event("after", "x"));
        waitUntil("a hit from a well-behaved helper", () -> spooled.size() == 1);
    }

    @Test
    void aHelperGoneWithoutGoodbyeIsTamperUnderItsTokensAccount() throws Exception {
        startServer();
        NamedPipes killed = windows.as(PUPIL);
        LinkedHelper helper = new LinkedHelper(new PipeLink(killed, openWhenListening(killed)));
        helper.link.send(HelperMessage.newBuilder().setHello(HelperHello.newBuilder().setSessionId("1")).build());
        helper.link.send(HelperMessage.newBuilder().setMonitoring(Monitoring.newBuilder().setHookRegistered(true))
                .build());
        helper.link.flush();
        waitUntil("the helper's monitoring", () -> helpers.now().getHookRegistered());

        helper.link.close();

        waitUntil("the tamper report", () -> !helpers.now().getDeadWorkersList().isEmpty());
        assertTrue(helpers.now().getDeadWorkers(0).startsWith("session helper for user HILLSIDE\\jsmith stopped"
                + " without signing off"), helpers.now().getDeadWorkers(0));
    }

    @Test
    void afterAServiceRestartTheHelperReconnectsAndItsQueuedHitsArriveOnce() throws Exception {
        PipeSessionServer first = startServer();
        LocalSessionClient client = startClient(PUPIL);
        client.accept(event("before", "x"));
        waitUntil("the first hit acknowledged", () -> client.waiting() == 0);

        first.close();
        waitUntil("the helper noticing", () -> !client.connected());
        client.accept(event("while-down", "x"));

        startServer();
        waitUntil("the queued hit acknowledged", () -> client.waiting() == 0);
        assertEquals(List.of("before", "while-down"), spooled.stream().map(Event::getEventId).toList());

        client.close();
        waitUntil("the clean goodbye's disconnect", () -> !helpers.now().getHookRegistered());
        assertFalse(helpers.now().getDeadWorkersList().stream().anyMatch(d -> d.contains("jsmith")),
                "a helper that says goodbye is no tamper");
    }

    private record LinkedHelper(PipeLink link) {
    }

    private long openWhenListening(NamedPipes process) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return process.open(PIPE);
            } catch (PipeException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the pipe never listened: " + e.getMessage());
                }
                Thread.sleep(20);
            }
        }
    }

    private PipeSessionServer server() {
        return new PipeSessionServer(new NamedPipeTransport(windows.as(FakeNamedPipes.SERVICE), PIPE), spooled::add,
                policy::get, SETTINGS, () -> SignInNotice.newBuilder().setText("Monitored.").build(),
                noticesShown::add, helpers, supervisor, Clock.systemUTC());
    }

    private PipeSessionServer startServer() throws IOException {
        PipeSessionServer server = server();
        server.start();
        open.add(server);
        return server;
    }

    private LocalSessionClient startClient(Process process) {
        LocalSessionClient client = new LocalSessionClient(new NamedPipeTransport(windows.as(process), PIPE),
                HelperHello.newBuilder().setSessionId("1").setHelperVersion("test").build(), AgentPolicy.inMemory(),
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
