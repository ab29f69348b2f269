package org.vigil.bench;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.vigil.proto.v1.Event;

/** Captures as an agent sends them, with a fresh event id each. */
final class BenchEvents {
    private BenchEvents() {
    }

    static Event capture(int seq, String category, int severity) {
        String context = "bench line " + seq + ": i am going to end my life tonight";
        String matched = "end my life";
        int at = context.indexOf(matched);
        Instant now = Instant.now();
        return Event.newBuilder().setEventId(UUID.randomUUID().toString()).setSeq(seq)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setUser("pupil").setWindowTitle("Bench").setApp("bench").setCategory(category).setSeverity(severity)
                .setRuleId(category + ".txt:3").setMatchedText(matched).setContext(context).setMatchStart(at)
                .setMatchEnd(at + matched.length()).setExplanation("bench").build();
    }
}
