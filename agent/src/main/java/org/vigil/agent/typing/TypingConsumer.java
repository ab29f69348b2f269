package org.vigil.agent.typing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.agent.capture.TypingSignal;
import org.vigil.agent.evidence.EvidenceCollector;
import org.vigil.agent.secure.PasswordFocus;
import org.vigil.agent.window.ActiveWindow;
import org.vigil.agent.window.WindowInfo;
import org.vigil.runtime.Loop;
import org.vigil.wordlists.Feed;
import org.vigil.wordlists.Hit;
import org.vigil.wordlists.Matcher;

/**
 * Rebuilds the line being typed from {@link TypingSignal}s, feeds it to the wordlists matcher char by char,
 * and hands hits to the {@link EvidenceCollector}. Keeps nothing but the feed's current line.
 *
 * <p>The focused window is read at the start of each line and again at most every {@link #WINDOW_RECHECK}
 * while typing; when the app changes, the line ends. Typing into an excluded app is dropped. While a password
 * field has focus ({@link PasswordFocus}, asked for every character) the line being typed is dropped and nothing
 * typed is kept (ADR 0116).
 *
 * <p>{@link #run()} is the consumer loop, run by a supervised thread that starts it again if it fails;
 * {@link #handle} and {@link #idle} are its steps. One thread only, except {@link #lastSignalAt()}.
 */
public final class TypingConsumer implements Loop {
    private static final Logger log = LoggerFactory.getLogger(TypingConsumer.class);
    static final Duration WINDOW_RECHECK = Duration.ofSeconds(1);
    /** A line nobody has typed in for this long is over. */
    public static final Duration LINE_IDLE = Duration.ofSeconds(10);

    private final BlockingQueue<TypingSignal> queue;
    private final Supplier<Matcher> policy;
    private Matcher matcher;
    private Feed feed;
    private final ActiveWindow activeWindow;
    private final AppExclusion exclusion;
    private final PasswordFocus passwordFocus;
    private final EvidenceCollector evidence;
    private final Clock clock;

    private WindowInfo window;
    private Instant windowCheckedAt = Instant.MIN;
    private boolean excluded;
    private long signals;
    private long excludedChars;
    private long passwordChars;
    private int lineChars;
    private Instant lastTyped;
    private int lineBackspaces;
    /** Read by other threads, to tell whether typing is still being heard and handled. */
    private volatile Instant lastSignalAt;

    public TypingConsumer(BlockingQueue<TypingSignal> queue, Matcher matcher, ActiveWindow activeWindow,
                          AppExclusion exclusion, EvidenceCollector evidence, Clock clock) {
        this(queue, () -> matcher, activeWindow, exclusion, evidence, clock);
    }

    /**
     * @param policy the matcher in force now; when it changes, the next line is matched with the new one (the line
     *               being typed finishes with the matcher it started with, so no hit is lost or reported twice)
     */
    public TypingConsumer(BlockingQueue<TypingSignal> queue, Supplier<Matcher> policy, ActiveWindow activeWindow,
                          AppExclusion exclusion, EvidenceCollector evidence, Clock clock) {
        this(queue, policy, activeWindow, exclusion, PasswordFocus.UNKNOWN, evidence, clock);
    }

    /** @param passwordFocus whether a password field has focus now: then nothing typed is kept */
    public TypingConsumer(BlockingQueue<TypingSignal> queue, Supplier<Matcher> policy, ActiveWindow activeWindow,
                          AppExclusion exclusion, PasswordFocus passwordFocus, EvidenceCollector evidence,
                          Clock clock) {
        this.passwordFocus = passwordFocus;
        this.queue = queue;
        this.policy = policy;
        this.matcher = policy.get();
        this.feed = matcher.newFeed();
        this.activeWindow = activeWindow;
        this.exclusion = exclusion;
        this.evidence = evidence;
        this.clock = clock;
    }

    /**
     * Takes signals until interrupted. Whether it ends by interruption or by a failure, the line being typed ends
     * without being matched further (a pending event is finished), so a restarted loop starts on a fresh line.
     */
    @Override
    public void run() throws InterruptedException {
        try {
            while (true) {
                Optional<Instant> deadline = earliest(evidence.deadline(), lineIdleDeadline());
                TypingSignal signal;
                if (deadline.isPresent()) {
                    long waitMillis = Math.max(0, Duration.between(clock.instant(), deadline.get()).toMillis());
                    signal = queue.poll(waitMillis, TimeUnit.MILLISECONDS);
                } else {
                    signal = queue.take();
                }
                if (signal == null) {
                    idle();
                } else {
                    handle(signal);
                }
            }
        } finally {
            evidence.lineEnded();
            forgetLine();
        }
    }

    public void handle(TypingSignal signal) {
        signals++;
        lastSignalAt = clock.instant();
        if (signal instanceof TypingSignal.Char ch) {
            typed(ch.c());
        } else if (signal instanceof TypingSignal.Backspace) {
            erased();
        } else if (signal instanceof TypingSignal.LineEnd end) {
            endLine(end.reason().name());
        }
    }

    /** Nothing typed for a while: lets a pending event finish. */
    public void idle() {
        idle(clock.instant());
    }

    /**
     * Nothing typed until {@code now}. After {@link #LINE_IDLE} the line is treated as over, so a hit the matcher is
     * holding back (an exception to its right could still be typed) is reported even if the pupil never presses
     * Enter or clicks.
     */
    public void idle(Instant now) {
        if (lineIdleDeadline().filter(deadline -> !now.isBefore(deadline)).isPresent()) {
            endLine("IDLE");
        }
        evidence.idle(now);
    }

    private Optional<Instant> lineIdleDeadline() {
        return lineChars > 0 && lastTyped != null ? Optional.of(lastTyped.plus(LINE_IDLE)) : Optional.empty();
    }

    private static Optional<Instant> earliest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() || a.get().isBefore(b.get()) ? a : b;
    }

    /** When a key or mouse signal was last handled; empty if none has been since start. */
    public Optional<Instant> lastSignalAt() {
        return Optional.ofNullable(lastSignalAt);
    }

    /** Signals handled so far. */
    public long signals() {
        return signals;
    }

    /** Chars dropped because they were typed into an excluded app. */
    public long excludedChars() {
        return excludedChars;
    }

    /** Chars dropped because a password field had focus. */
    public long passwordChars() {
        return passwordChars;
    }

    private void typed(char c) {
        if (passwordFocus.passwordFocused()) {
            passwordChars++;
            if (lineChars > 0) {
                evidence.lineEnded();
                forgetLine(); // what was typed before it in this line goes too: it may be the password's start
            }
            return;
        }
        checkWindow();
        if (excluded) {
            excludedChars++;
            feed.clear();
            return;
        }
        if (lineChars == 0) {
            takeNewPolicy();
        }
        lineChars++;
        lastTyped = clock.instant();
        List<Hit> hits = feed.type(c);
        evidence.typed(c);
        if (!hits.isEmpty()) {
            evidence.hits(hits, feed.text(), feed.dropped());
        }
    }

    private void takeNewPolicy() {
        Matcher inForce = policy.get();
        if (inForce != matcher) {
            matcher = inForce;
            feed = inForce.newFeed();
            log.debug("typing is matched with a new policy from this line on");
        }
    }

    private void erased() {
        if (excluded) {
            return;
        }
        lineBackspaces++;
        feed.backspace();
        evidence.erased();
    }

    private void endLine(String reason) {
        if (!excluded) {
            List<Hit> hits = feed.finishLine();
            if (!hits.isEmpty()) {
                evidence.hits(hits, feed.text(), feed.dropped());
            }
        }
        evidence.lineEnded();
        if (log.isDebugEnabled()) {
            log.debug("line ended ({}): {} chars, {} backspaces{}; {} signals so far", reason, lineChars,
                    lineBackspaces, excluded ? ", excluded app" : "", signals);
        }
        forgetLine();
    }

    private void forgetLine() {
        feed.clear();
        lineChars = 0;
        lineBackspaces = 0;
        window = null;
        excluded = false;
    }

    /** Reads the focused window at the start of a line, then at most once per {@link #WINDOW_RECHECK}. */
    private void checkWindow() {
        Instant now = clock.instant();
        if (window != null && now.isBefore(windowCheckedAt.plus(WINDOW_RECHECK))) {
            return;
        }
        WindowInfo current = activeWindow.current();
        windowCheckedAt = now;
        if (window != null && !sameApp(window, current)) {
            endLine("FOCUS_CHANGED");
        }
        window = current;
        excluded = exclusion.excludes(current);
    }

    private static boolean sameApp(WindowInfo a, WindowInfo b) {
        if (!a.app().isEmpty() || !b.app().isEmpty()) {
            return a.app().equals(b.app());
        }
        return a.title().equals(b.title());
    }
}
