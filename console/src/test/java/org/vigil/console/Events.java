package org.vigil.console;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Screenshot;

/** Events as an agent would send them. */
final class Events {
    /** The smallest valid PNG: one transparent pixel. */
    static final byte[] ONE_PIXEL_PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /** What a pupil typed in {@link #disclosure()}: no alert may carry any of it. */
    static final String DISCLOSURE_TYPED = "i am going to end my life tonight";
    static final String DISCLOSURE_MATCHED = "end my life";
    static final String DISCLOSURE_WINDOW = "My private diary - Docs";

    private Events() {
    }

    /** A severity-5 suicide disclosure, typed in a window whose title is private too. */
    static Event.Builder disclosure() {
        int start = DISCLOSURE_TYPED.indexOf(DISCLOSURE_MATCHED);
        return valid().setSeverity(5).setCategory("suicide").setRuleId("suicide.txt:3")
                .setMatchedText(DISCLOSURE_MATCHED).setContext(DISCLOSURE_TYPED).setWindowTitle(DISCLOSURE_WINDOW)
                .setMatchStart(start).setMatchEnd(start + DISCLOSURE_MATCHED.length())
                .setExplanation("matched the phrase \"" + DISCLOSURE_MATCHED + "\"");
    }

    static Event.Builder valid() {
        String context = "i want to hurt myself tonight";
        Instant now = Instant.now();
        return Event.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setSeq(1)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setUser("pupil07")
                .setWindowTitle("Untitled document - Docs")
                .setApp("chrome")
                .setCategory("self-harm")
                .setSeverity(4)
                .setRuleId("self-harm.txt:12")
                .setMatchedText("hurt myself")
                .setContext(context)
                .setMatchStart(context.indexOf("hurt myself"))
                .setMatchEnd(context.indexOf("hurt myself") + "hurt myself".length())
                .setExplanation("matched the phrase \"hurt myself\"");
    }

    static Event.Builder withScreenshot() {
        return valid().setScreenshot(Screenshot.newBuilder().setMediaType("image/png")
                .setData(ByteString.copyFrom(ONE_PIXEL_PNG)).setWidth(1).setHeight(1));
    }
}
