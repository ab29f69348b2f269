package org.vigil.agent.session;

import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.agent.capture.HookUnavailableException;
import org.vigil.agent.capture.KeyboardHook;
import org.vigil.agent.capture.KeyboardListener;
import org.vigil.agent.capture.TypingSignal;
import org.vigil.agent.evidence.EvidenceCollector;
import org.vigil.agent.evidence.SequenceNumbers;
import org.vigil.agent.secure.PasswordFocus;
import org.vigil.agent.typing.AppExclusion;
import org.vigil.agent.typing.TypingConsumer;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Monitoring;
import org.vigil.runtime.SupervisedThread;
import org.vigil.runtime.Supervisor;
import org.vigil.runtime.WorkerHealth;
import org.vigil.wordlists.Matcher;

/**
 * The session half of the agent: what runs in the pupil's desktop session. The keyboard hook feeds a bounded
 * signal queue; the typing worker rebuilds lines, matches them and hands finished events, with their evidence, to
 * the {@code events} consumer. It takes the matcher in force from {@code matchers} and knows nothing else of the
 * device half.
 */
public final class Session implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Session.class);
    static final int SIGNAL_QUEUE = 4096;
    private static final Duration STOP_WAIT = Duration.ofSeconds(1);

    private final Supervisor supervisor;
    private final KeyboardListener listener;
    private final KeyboardHook hook;
    private final TypingConsumer typing;
    private final PasswordFocus passwordFocus;
    private final List<SupervisedThread> workers = new ArrayList<>();

    /**
     * @param matchers the matcher of the policy in force, asked at the start of each line
     * @param events   receives each finished event (in one process: the device half's spool-then-send)
     */
    public Session(SessionSettings settings, Supplier<Matcher> matchers, Consumer<Event> events, Desktop desktop,
                   Supervisor supervisor, Clock clock) {
        this.supervisor = supervisor;
        BlockingQueue<TypingSignal> signals = new ArrayBlockingQueue<>(SIGNAL_QUEUE);
        EvidenceCollector evidence = new EvidenceCollector(settings.contextChars(), desktop.activeWindow(),
                desktop.screen(), clock, settings.user(), new SequenceNumbers(clock), events);
        this.typing = new TypingConsumer(signals, matchers, desktop.activeWindow(),
                new AppExclusion(settings.excludedApps()), desktop.passwordFocus(), evidence, clock);
        this.passwordFocus = desktop.passwordFocus();
        this.listener = new KeyboardListener(signals);
        this.hook = desktop.hook().apply(listener);
    }

    /** Starts following password focus, registers the keyboard hook, then starts the typing worker. */
    public synchronized void start() throws HookUnavailableException {
        passwordFocus.start();
        hook.start();
        workers.add(supervisor.thread("vigil-typing", typing));
        if (log.isDebugEnabled()) {
            workers.add(supervisor.thread("vigil-stats", new SignalCountLog(listener)));
        }
    }

    /** Whether this session hears typing: the hook, the last signal handled, and workers that are not alive. */
    public Monitoring monitoring() {
        Monitoring.Builder monitoring = Monitoring.newBuilder()
                .setHookRegistered(hook.isListening())
                .addAllDeadWorkers(supervisor.health().stream()
                        .filter(worker -> !worker.alive())
                        .map(WorkerHealth::name)
                        .toList());
        typing.lastSignalAt().ifPresent(at -> monitoring.setLastSignalAt(
                Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano())));
        return monitoring.build();
    }

    /** Stops hearing keys, then lets the typing worker finish the line it holds (a pending event is sent). */
    @Override
    public synchronized void close() {
        hook.close();
        workers.forEach(worker -> worker.close(STOP_WAIT));
        workers.clear();
        passwordFocus.close();
    }
}
