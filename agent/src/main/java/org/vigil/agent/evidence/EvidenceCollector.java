package org.vigil.agent.evidence;

import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.agent.window.ActiveWindow;
import org.vigil.agent.window.WindowInfo;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Screenshot;
import org.vigil.wordlists.Hit;

/**
 * Turns hits into events with their evidence. On the first hit in a line it takes the screenshot and reads the
 * active window at once; the event then stays pending to gather the context typed after the match, and is
 * finished when {@code contextChars} more chars are typed, the line ends, or {@link #IDLE} passes without typing.
 * Further hits in the same line while an event is pending merge into it, keeping the most severe rule.
 *
 * <p>Holds only the pending event's own context (at most {@code contextChars} either side of the match).
 * Not thread-safe: the typing consumer's thread drives it.
 */
public final class EvidenceCollector {
    private static final Logger log = LoggerFactory.getLogger(EvidenceCollector.class);
    public static final Duration IDLE = Duration.ofSeconds(3);

    private final int contextChars;
    private final ActiveWindow activeWindow;
    private final ScreenCapture screen;
    private final Clock clock;
    private final String user;
    private final SequenceNumbers sequence;
    private final Consumer<Event> sink;

    private Pending pending;

    /**
     * @param contextChars how many chars of context to keep before the match, and to wait for after it
     * @param user         the OS user signed in to this session
     * @param sink         receives each finished event (the outbox)
     */
    public EvidenceCollector(int contextChars, ActiveWindow activeWindow, ScreenCapture screen, Clock clock,
                             String user, SequenceNumbers sequence, Consumer<Event> sink) {
        this.contextChars = contextChars;
        this.activeWindow = activeWindow;
        this.screen = screen;
        this.clock = clock;
        this.user = user;
        this.sequence = sequence;
        this.sink = sink;
    }

    /**
     * Hits the feed just reported, with the feed's line (the hits' offsets index into it).
     * Call after {@link #typed(char)} for the same char.
     */
    public void hits(List<Hit> hits, CharSequence line) {
        for (Hit hit : hits) {
            if (pending == null) {
                Instant now = clock.instant();
                WindowInfo window = activeWindow.current();
                Optional<Screenshot> screenshot = screen.take();
                pending = new Pending(now, window, screenshot);
                pending.take(hit, line, contextChars);
            } else if (pending.shouldPrefer(hit)) {
                pending.take(hit, line, contextChars);
            }
            pending.lastTyping = clock.instant();
        }
        finishIfFull();
    }

    /** A char was typed into the line (after any hits it completed were passed to {@link #hits}). */
    public void typed(char c) {
        if (pending != null) {
            pending.after.append(c);
            pending.lastTyping = clock.instant();
            finishIfFull();
        }
    }

    /** Backspace: forget the last char of the context typed after the match, if any. */
    public void erased() {
        if (pending != null) {
            if (!pending.after.isEmpty()) {
                pending.after.setLength(pending.after.length() - 1);
            }
            pending.lastTyping = clock.instant();
        }
    }

    /** The line is over: a pending event is finished with the context it has. */
    public void lineEnded() {
        finish();
    }

    /** When the pending event, if any, will be finished for lack of typing. */
    public Optional<Instant> deadline() {
        return pending == null ? Optional.empty() : Optional.of(pending.lastTyping.plus(IDLE));
    }

    /** Finishes the pending event if nothing has been typed for {@link #IDLE}. */
    public void idle(Instant now) {
        if (pending != null && !now.isBefore(pending.lastTyping.plus(IDLE))) {
            finish();
        }
    }

    public boolean hasPending() {
        return pending != null;
    }

    private void finishIfFull() {
        if (pending != null && pending.after.length() >= contextChars) {
            finish();
        }
    }

    private void finish() {
        if (pending == null) {
            return;
        }
        Pending done = pending;
        pending = null;
        Event event = done.toEvent(UUID.randomUUID().toString(), sequence.next(), user, contextChars);
        log.info("capture {} recorded: category {}, severity {}, rule {}", event.getEventId(), event.getCategory(),
                event.getSeverity(), event.getRuleId());
        sink.accept(event);
    }

    /** An event waiting for the context after its match. */
    private static final class Pending {
        final Instant occurredAt;
        final WindowInfo window;
        final Optional<Screenshot> screenshot;
        Instant lastTyping;
        Hit hit;
        String before;
        String matched;
        final StringBuilder after = new StringBuilder();

        Pending(Instant occurredAt, WindowInfo window, Optional<Screenshot> screenshot) {
            this.occurredAt = occurredAt;
            this.window = window;
            this.screenshot = screenshot;
            this.lastTyping = occurredAt;
        }

        /** More severe wins; at equal severity, a longer match covering this one ("kill" then "kill myself"). */
        boolean shouldPrefer(Hit other) {
            int bySeverity = Integer.compare(other.rule().severity(), hit.rule().severity());
            if (bySeverity != 0) {
                return bySeverity > 0;
            }
            return other.start() <= hit.start() && other.end() - other.start() > hit.end() - hit.start();
        }

        void take(Hit newHit, CharSequence line, int contextChars) {
            hit = newHit;
            int start = Math.max(0, Math.min(newHit.start(), line.length()));
            int end = Math.max(start, Math.min(newHit.end(), line.length()));
            before = line.subSequence(Math.max(0, start - contextChars), start).toString();
            matched = newHit.matchedText().length() > WireNames.MAX_MATCHED_CHARS
                    ? newHit.matchedText().substring(0, WireNames.MAX_MATCHED_CHARS) : newHit.matchedText();
            after.setLength(0);
            after.append(line, end, Math.min(line.length(), end + contextChars));
        }

        Event toEvent(String eventId, long seq, String user, int contextChars) {
            String afterText = after.length() > contextChars ? after.substring(0, contextChars) : after.toString();
            String context = before + matched + afterText;
            Event.Builder event = Event.newBuilder()
                    .setEventId(eventId)
                    .setSeq(seq)
                    .setOccurredAt(Timestamp.newBuilder()
                            .setSeconds(occurredAt.getEpochSecond())
                            .setNanos(occurredAt.getNano()))
                    .setUser(user)
                    .setWindowTitle(window.title())
                    .setApp(window.app())
                    .setCategory(hit.rule().category())
                    .setSeverity(hit.rule().severity())
                    .setRuleId(hit.rule().id())
                    .setMatchedText(matched)
                    .setContext(context)
                    .setMatchStart(before.length())
                    .setMatchEnd(before.length() + matched.length())
                    .setExplanation(hit.explanation());
            screenshot.ifPresent(event::setScreenshot);
            return event.build();
        }
    }
}
