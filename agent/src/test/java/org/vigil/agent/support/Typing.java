package org.vigil.agent.support;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.function.Supplier;
import org.vigil.agent.capture.TypingSignal;
import org.vigil.agent.evidence.EvidenceCollector;
import org.vigil.agent.evidence.SequenceNumbers;
import org.vigil.agent.secure.PasswordFocus;
import org.vigil.agent.typing.AppExclusion;
import org.vigil.agent.typing.TypingConsumer;
import org.vigil.agent.window.ActiveWindow;
import org.vigil.agent.window.WindowInfo;
import org.vigil.proto.v1.Event;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.Wordlist;

/**
 * The real typing pipeline (default wordlists, real evidence collector) with a fixed window and a fixed screen,
 * for tests.
 */
public final class Typing {
    private static final Matcher DEFAULTS = Matcher.compile(Wordlist.defaults());

    public final List<Event> events = new ArrayList<>();
    public final FixedScreenCapture screen = new FixedScreenCapture();
    public final EvidenceCollector evidence;
    public final TypingConsumer consumer;

    public Typing(WindowInfo window, List<String> excludedApps) {
        this(window, excludedApps, () -> DEFAULTS);
    }

    public Typing(Supplier<Matcher> policy) {
        this(new WindowInfo("Untitled document - Google Docs", "firefox"), List.of(), policy);
    }

    /** With a stand-in for the OS's answer to "is a password field focused?" (tests flip it). */
    public Typing(PasswordFocus passwordFocus) {
        this(new WindowInfo("Sign in - Google Chrome", "chrome.exe"), List.of(), () -> DEFAULTS, passwordFocus);
    }

    private Typing(WindowInfo window, List<String> excludedApps, Supplier<Matcher> policy) {
        this(window, excludedApps, policy, PasswordFocus.UNKNOWN);
    }

    private Typing(WindowInfo window, List<String> excludedApps, Supplier<Matcher> policy,
                   PasswordFocus passwordFocus) {
        this(() -> window, Clock.systemUTC(), excludedApps, policy, passwordFocus);
    }

    /** With the focused window and the time as the test sets them. */
    public Typing(ActiveWindow window, Clock clock) {
        this(window, clock, List.of(), () -> DEFAULTS, PasswordFocus.UNKNOWN);
    }

    private Typing(ActiveWindow fixed, Clock clock, List<String> excludedApps, Supplier<Matcher> policy,
                   PasswordFocus passwordFocus) {
        evidence = new EvidenceCollector(60, fixed, screen, clock, "pupil", new SequenceNumbers(clock),
                events::add);
        consumer = new TypingConsumer(new ArrayBlockingQueue<>(16), policy, fixed, new AppExclusion(excludedApps),
                passwordFocus, evidence, clock);
    }

    public Typing() {
        this(new WindowInfo("Untitled document - Google Docs", "firefox"), List.of());
    }

    public Typing type(String text) {
        for (char c : text.toCharArray()) {
            consumer.handle(new TypingSignal.Char(c));
        }
        return this;
    }

    public Typing backspace() {
        consumer.handle(new TypingSignal.Backspace());
        return this;
    }

    public Typing enter() {
        consumer.handle(new TypingSignal.LineEnd(TypingSignal.Reason.ENTER));
        return this;
    }
}
