package org.vigil.agent.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vigil.agent.support.FixedScreenCapture;
import org.vigil.agent.support.StandInHook;
import org.vigil.agent.window.WindowInfo;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Monitoring;
import org.vigil.runtime.Supervisor;
import org.vigil.runtime.WorkerHealth;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.Wordlist;

/** The real session half (listener, signal queue, typing worker, evidence) with a stand-in hook and screen. */
class SessionTest {
    private static final Matcher DEFAULTS = Matcher.compile(Wordlist.defaults());

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> fatal = new AtomicReference<>();
    private final Supervisor supervisor = new Supervisor((worker, cause) -> fatal.set(worker), Clock.systemUTC(),
            Duration.ofMillis(10));
    private final AtomicReference<StandInHook> hook = new AtomicReference<>();
    private Session session;

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
        }
        supervisor.close();
    }

    @Test
    void aTypingWorkerThatFailsIsStartedAgainAndTypingAfterItIsStillMatched() throws Exception {
        AtomicInteger handedOver = new AtomicInteger();
        start(event -> {
            if (handedOver.incrementAndGet() == 1) {
                throw new IllegalStateException("the device half could not take the event");
            }
            events.add(event);
        });

        hook.get().type("i want to kill myself").enter();
        waitUntil(Duration.ofSeconds(10), "the typing worker's failure in the supervisor's health",
                () -> typingWorker().failures() == 1);
        hook.get().type("everyone hates you").enter();

        waitUntil(Duration.ofSeconds(10), "the line typed after the failure matched", () -> events.size() == 1);
        assertEquals("everyone hates you", events.get(0).getMatchedText());
        assertEquals(WorkerHealth.State.RUNNING, typingWorker().state());
        assertTrue(typingWorker().lastFailure().orElseThrow().contains("could not take the event"));
        assertEquals(List.of(), session.monitoring().getDeadWorkersList());
    }

    @Test
    void monitoringSaysTheHookIsRegisteredAndWhenTypingWasLastHandled() throws Exception {
        start(events::add);
        Monitoring beforeTyping = session.monitoring();
        assertTrue(beforeTyping.getHookRegistered());
        assertFalse(beforeTyping.hasLastSignalAt(), "nothing typed since start");

        Instant typedAfter = Instant.now().minusMillis(1);
        hook.get().type("h");
        waitUntil(Duration.ofSeconds(10), "the signal handled", () -> session.monitoring().hasLastSignalAt());
        assertTrue(session.monitoring().getLastSignalAt().getSeconds() >= typedAfter.getEpochSecond());

        hook.get().dies();
        assertFalse(session.monitoring().getHookRegistered());
    }

    @Test
    void aTypingWorkerKilledByAJvmErrorIsReportedDeadAndEndsTheProcess() throws Exception {
        start(event -> {
            throw new OutOfMemoryError("test: heap exhausted while handing over an event");
        });

        hook.get().type("i want to kill myself").enter();

        waitUntil(Duration.ofSeconds(10), "the fatal handler called", () -> fatal.get() != null);
        assertEquals("vigil-typing", fatal.get());
        assertEquals(List.of("vigil-typing"), session.monitoring().getDeadWorkersList());
    }

    private void start(Consumer<Event> sink) throws Exception {
        WindowInfo window = new WindowInfo("Untitled document - Google Docs", "firefox");
        Desktop desktop = new Desktop(listener -> {
            StandInHook standIn = new StandInHook(listener);
            hook.set(standIn);
            return standIn;
        }, () -> window, new FixedScreenCapture());
        session = new Session(new SessionSettings(60, List.of(), "pupil"), () -> DEFAULTS, sink, desktop, supervisor,
                Clock.systemUTC());
        session.start();
    }

    private WorkerHealth typingWorker() {
        return supervisor.health().stream().filter(worker -> worker.name().equals("vigil-typing")).findFirst()
                .orElseThrow();
    }
}
