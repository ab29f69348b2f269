package org.vigil.agent.evidence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.agent.window.ActiveWindow;
import org.vigil.agent.window.WindowInfo;
import org.vigil.proto.v1.Event;
import org.vigil.wordlists.Hit;

/**
 * Turns hits into events with their evidence: one event per distinct hit in a line (docs/adr/0102). At a line's
 * first hit it reads the active window and takes the screenshot, which every event of that line shares. Each event
 * then stays pending to gather the context typed after its match, and is finished when {@code contextChars} more
 * chars are typed, the line ends, or {@link #IDLE} passes without typing.
 * <p>Two hits are the same hit, and make one event, when they share typed chars while the event is pending (the
 * most severe rule is kept, then the longer match: "kill" then "kill myself"), or when the rule of one of this
 * line's events matches again: the pupil repeating a phrase, or going back over it, does not record it twice.
 *
 * <p>A burst of hits over consecutive lines in the same window, within {@link #SCENE_REUSE} of the last screenshot,
 * shares that screenshot too: a pupil repeating a phrase line after line costs one screenshot, not one a line
 * (bench/README.md, "Agent footprint").
 *
 * <p>Holds only the pending events' own context (at most {@code contextChars} either side of each match) and the
 * ids of the rules that matched in the line. Not thread-safe: the typing consumer's thread drives it.
 */
public final class EvidenceCollector {
    private static final Logger log = LoggerFactory.getLogger(EvidenceCollector.class);
    public static final Duration IDLE = Duration.ofSeconds(3);
    /** Events waiting for context at once; one more finishes the oldest early, with the context it has. */
    static final int MAX_PENDING = 16;
    /** How long a screenshot serves later lines' first hits in the same window. */
    static final Duration SCENE_REUSE = Duration.ofSeconds(10);

    private final int contextChars;
    private final ActiveWindow activeWindow;
    private final ScreenCapture screen;
    private final Clock clock;
    private final String user;
    private final SequenceNumbers sequence;
    private final Consumer<Event> sink;

    private final List<PendingEvent> pending = new ArrayList<>();
    /** The rules of this line's events, pending or sent: a rule makes one event a line. */
    private final Set<String> rulesInLine = new HashSet<>();
    private Scene scene;
    /** The last scene taken, and when: a later line's first hit in the same window soon after shares it. */
    private Scene lastScene;
    private Instant lastSceneAt;
    private Instant lastTyping;

    /**
     * @param contextChars how many chars of context to keep before each match, and to wait for after it
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
     * Hits the feed just reported. Call after {@link #typed(char)} for the same char.
     *
     * @param line    the feed's line; the hits' offsets index into it
     * @param dropped chars the feed has dropped from the front of the line, so {@code dropped + offset} is a place
     *                in the whole line
     */
    public void hits(List<Hit> hits, CharSequence line, long dropped) {
        Instant now = clock.instant();
        for (Hit hit : hits) {
            long start = dropped + hit.start();
            long end = dropped + hit.end();
            Optional<PendingEvent> same = pending.stream().filter(p -> p.overlaps(start, end)).findFirst();
            if (same.isPresent()) {
                if (same.get().shouldPrefer(hit, start, end)) {
                    rulesInLine.remove(same.get().ruleId());
                    rulesInLine.add(hit.rule().id());
                    same.get().take(hit, start, line, contextChars);
                }
            } else if (rulesInLine.add(hit.rule().id())) {
                if (scene == null) {
                    scene = sceneAt(now);
                }
                if (pending.size() == MAX_PENDING) {
                    finish(pending.get(0));
                }
                PendingEvent event = new PendingEvent(now, scene);
                event.take(hit, start, line, contextChars);
                pending.add(event);
            }
        }
        if (!pending.isEmpty()) {
            lastTyping = now;
        }
        finishThoseWithContext();
    }

    /** A char was typed into the line (before any hits it completed are passed to {@link #hits}). */
    public void typed(char c) {
        if (!pending.isEmpty()) {
            pending.forEach(p -> p.typed(c));
            lastTyping = clock.instant();
            finishThoseWithContext();
        }
    }

    /** Backspace: forget the last char of the context typed after each match, if any. */
    public void erased() {
        if (!pending.isEmpty()) {
            pending.forEach(PendingEvent::erased);
            lastTyping = clock.instant();
        }
    }

    /** The line is over: pending events are finished with the context they have, and the next line starts afresh. */
    public void lineEnded() {
        while (!pending.isEmpty()) {
            finish(pending.get(0));
        }
        rulesInLine.clear();
        scene = null;
        if (lastScene != null && !clock.instant().isBefore(lastSceneAt.plus(SCENE_REUSE))) {
            lastScene = null; // its screenshot is not kept longer than it can serve
        }
    }

    private Scene sceneAt(Instant now) {
        WindowInfo window = activeWindow.current();
        if (lastScene != null && lastScene.window().equals(window) && now.isBefore(lastSceneAt.plus(SCENE_REUSE))) {
            return lastScene;
        }
        lastScene = new Scene(window, screen.take());
        lastSceneAt = now;
        return lastScene;
    }

    /** When the pending events, if any, will be finished for lack of typing. */
    public Optional<Instant> deadline() {
        return pending.isEmpty() ? Optional.empty() : Optional.of(lastTyping.plus(IDLE));
    }

    /** Finishes the pending events if nothing has been typed for {@link #IDLE}. */
    public void idle(Instant now) {
        if (!pending.isEmpty() && !now.isBefore(lastTyping.plus(IDLE))) {
            while (!pending.isEmpty()) {
                finish(pending.get(0));
            }
        }
    }

    public boolean hasPending() {
        return !pending.isEmpty();
    }

    private void finishThoseWithContext() {
        for (PendingEvent event : List.copyOf(pending)) {
            if (event.hasContextAfter(contextChars)) {
                finish(event);
            }
        }
    }

    private void finish(PendingEvent done) {
        pending.remove(done);
        Event event = done.toEvent(UUID.randomUUID().toString(), sequence.next(), user, contextChars);
        log.info("capture {} recorded: category {}, severity {}, rule {}", event.getEventId(), event.getCategory(),
                event.getSeverity(), event.getRuleId());
        sink.accept(event);
    }
}
