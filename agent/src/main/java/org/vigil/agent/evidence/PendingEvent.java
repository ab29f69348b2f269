package org.vigil.agent.evidence;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.Event;
import org.vigil.wordlists.Hit;

/**
 * One hit's event while it waits for the context typed after its match. Its span is kept as a place in the whole
 * line (the feed's offset plus the chars it dropped), so a later hit on the same words can be told apart from a
 * hit elsewhere in the line however long the line grows. Not thread-safe.
 */
final class PendingEvent {
    private final Instant occurredAt;
    private final Scene scene;
    private Hit hit;
    private long start;
    private long end;
    private String before;
    private String matched;
    private final StringBuilder after = new StringBuilder();

    PendingEvent(Instant occurredAt, Scene scene) {
        this.occurredAt = occurredAt;
        this.scene = scene;
    }

    String ruleId() {
        return hit.rule().id();
    }

    /** Whether the span {@code from..to} (places in the whole line) shares a char with this event's match. */
    boolean overlaps(long from, long to) {
        return from < end && start < to;
    }

    /** More severe wins; at equal severity, a longer match covering this one ("kill" then "kill myself"). */
    boolean shouldPrefer(Hit other, long otherStart, long otherEnd) {
        int bySeverity = Integer.compare(other.severity(), hit.severity());
        if (bySeverity != 0) {
            return bySeverity > 0;
        }
        return otherStart <= start && otherEnd - otherStart > end - start;
    }

    /**
     * Makes {@code newHit} this event's match.
     *
     * @param lineStart where the hit starts in the whole line
     * @param line      the feed's text, which {@code newHit}'s offsets index
     */
    void take(Hit newHit, long lineStart, CharSequence line, int contextChars) {
        hit = newHit;
        start = lineStart;
        end = lineStart + (newHit.end() - newHit.start());
        int from = Math.max(0, Math.min(newHit.start(), line.length()));
        int to = Math.max(from, Math.min(newHit.end(), line.length()));
        before = line.subSequence(Math.max(0, from - contextChars), from).toString();
        matched = newHit.matchedText().length() > WireNames.MAX_MATCHED_CHARS
                ? newHit.matchedText().substring(0, WireNames.MAX_MATCHED_CHARS) : newHit.matchedText();
        after.setLength(0);
        after.append(line, to, Math.min(line.length(), to + contextChars));
    }

    void typed(char c) {
        after.append(c);
    }

    void erased() {
        if (!after.isEmpty()) {
            after.setLength(after.length() - 1);
        }
    }

    boolean hasContextAfter(int contextChars) {
        return after.length() >= contextChars;
    }

    Event toEvent(String eventId, long seq, String user, int contextChars) {
        String afterText = after.length() > contextChars ? after.substring(0, contextChars) : after.toString();
        Event.Builder event = Event.newBuilder()
                .setEventId(eventId)
                .setSeq(seq)
                .setOccurredAt(Timestamp.newBuilder()
                        .setSeconds(occurredAt.getEpochSecond())
                        .setNanos(occurredAt.getNano()))
                .setUser(user)
                .setWindowTitle(scene.window().title())
                .setApp(scene.window().app())
                .setCategory(hit.rule().category())
                .setSeverity(hit.severity())
                .setRuleId(hit.rule().id())
                .setMatchedText(matched)
                .setContext(before + matched + afterText)
                .setMatchStart(before.length())
                .setMatchEnd(before.length() + matched.length())
                .setExplanation(hit.explanation());
        scene.screenshot().ifPresent(event::setScreenshot);
        return event.build();
    }
}
