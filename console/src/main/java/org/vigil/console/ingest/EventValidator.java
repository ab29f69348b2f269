package org.vigil.console.ingest;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.vigil.proto.v1.Event;

/** Checks an event from a device before it is stored; says why when it is refused. */
public final class EventValidator {
    static final int MAX_CONTEXT_CHARS = 1000;
    static final int MAX_SCREENSHOT_BYTES = 5 * 1024 * 1024;
    private static final Set<String> SCREENSHOT_TYPES = Set.of("image/jpeg", "image/png");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Empty if the event is acceptable, else the reason it is not. */
    public Optional<String> problemWith(Event event) {
        if (!UUID.matcher(event.getEventId()).matches()) {
            return Optional.of("event_id is not a UUID");
        }
        if (event.getCategory().isBlank()) {
            return Optional.of("category is empty");
        }
        if (event.getMatchedText().isEmpty()) {
            return Optional.of("matched_text is empty");
        }
        if (event.getSeverity() < 1 || event.getSeverity() > 5) {
            return Optional.of("severity " + event.getSeverity() + " is outside 1..5");
        }
        if (event.getContext().length() > MAX_CONTEXT_CHARS) {
            return Optional.of("context has " + event.getContext().length() + " chars, more than " + MAX_CONTEXT_CHARS);
        }
        int start = event.getMatchStart();
        int end = event.getMatchEnd();
        if (start < 0 || end < start || end > event.getContext().length()) {
            return Optional.of("match offsets " + start + ".." + end + " are outside the context");
        }
        if (event.hasScreenshot() && !event.getScreenshot().getData().isEmpty()) {
            if (event.getScreenshot().getData().size() > MAX_SCREENSHOT_BYTES) {
                return Optional.of("screenshot is larger than 5 MB");
            }
            if (!SCREENSHOT_TYPES.contains(event.getScreenshot().getMediaType())) {
                return Optional.of("screenshot media type is not image/jpeg or image/png");
            }
        }
        return Optional.empty();
    }
}
