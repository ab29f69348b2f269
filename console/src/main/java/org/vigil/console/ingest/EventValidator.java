package org.vigil.console.ingest;

import com.google.protobuf.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.vigil.console.policy.Policies;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.Event;
import org.vigil.runtime.LogValues;

/** Checks an event from a device before it is stored; says why, with the right status code, when it is refused. */
public final class EventValidator {
    /** A device clock may run ahead a little; an event dated further ahead than this is refused. */
    static final Duration MAX_CLOCK_AHEAD = Duration.ofDays(1);
    /** Nothing Vigil captured can be older than this. */
    static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");
    private static final Set<String> SCREENSHOT_TYPES = Set.of("image/jpeg", "image/png");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Clock clock;
    private final Predicate<String> knownCategory;

    /** @param knownCategory whether a category id is one the policy knows (exactly, case and all) */
    public EventValidator(Clock clock, Predicate<String> knownCategory) {
        this.clock = clock;
        this.knownCategory = knownCategory;
    }

    /** A validator for the shipped categories and those of the policy in force, now and as it changes. */
    public static EventValidator forPolicies(Clock clock, Policies policies) {
        AcceptedCategories accepted = new AcceptedCategories(policies.current().bundle());
        policies.addListener(accepted);
        return new EventValidator(clock, accepted::accepts);
    }

    /** Empty if the event is acceptable, else why it is not. */
    public Optional<Refusal> problemWith(Event event) {
        if (!UUID.matcher(event.getEventId()).matches()) {
            return Optional.of(Refusal.invalid("event_id is not a UUID"));
        }
        Optional<Refusal> limits = FieldLimits.problemWith(event);
        if (limits.isPresent()) {
            return limits;
        }
        if (event.getCategory().isBlank()) {
            return Optional.of(Refusal.invalid("category is empty"));
        }
        if (!knownCategory.test(event.getCategory())) {
            return Optional.of(Refusal.invalid("category \"" + LogValues.escape(event.getCategory())
                    + "\" is not one the policy knows"));
        }
        if (event.getMatchedText().isEmpty()) {
            return Optional.of(Refusal.invalid("matched_text is empty"));
        }
        if (event.getSeverity() < 1 || event.getSeverity() > 5) {
            return Optional.of(Refusal.invalid("severity " + event.getSeverity() + " is outside 1..5"));
        }
        Optional<Refusal> time = timeProblem(event);
        if (time.isPresent()) {
            return time;
        }
        if (event.getMatchedText().length() > WireNames.MAX_MATCHED_CHARS) {
            return Optional.of(Refusal.tooLarge("matched_text has " + event.getMatchedText().length()
                    + " chars, more than " + WireNames.MAX_MATCHED_CHARS));
        }
        if (event.getContext().length() > WireNames.MAX_CONTEXT_CHARS) {
            return Optional.of(Refusal.tooLarge("context has " + event.getContext().length() + " chars, more than "
                    + WireNames.MAX_CONTEXT_CHARS));
        }
        int start = event.getMatchStart();
        int end = event.getMatchEnd();
        if (start < 0 || end < start || end > event.getContext().length()) {
            return Optional.of(Refusal.invalid("match offsets " + start + ".." + end + " are outside the context"));
        }
        if (event.hasScreenshot() && !event.getScreenshot().getData().isEmpty()) {
            if (event.getScreenshot().getData().size() > WireNames.MAX_SCREENSHOT_BYTES) {
                return Optional.of(Refusal.tooLarge("screenshot is larger than "
                        + WireNames.MAX_SCREENSHOT_BYTES / (1024 * 1024) + " MB"));
            }
            if (!SCREENSHOT_TYPES.contains(event.getScreenshot().getMediaType())) {
                return Optional.of(Refusal.invalid("screenshot media type is not image/jpeg or image/png"));
            }
        }
        return Optional.empty();
    }

    private Optional<Refusal> timeProblem(Event event) {
        if (!event.hasOccurredAt()) {
            return Optional.of(Refusal.invalid("occurred_at is missing"));
        }
        Timestamp at = event.getOccurredAt();
        if (at.getNanos() < 0 || at.getNanos() > 999_999_999) {
            return Optional.of(Refusal.invalid("occurred_at has nanos " + at.getNanos() + ", outside 0..999999999"));
        }
        if (at.getSeconds() < EARLIEST.getEpochSecond()) {
            return Optional.of(Refusal.invalid("occurred_at " + at.getSeconds() + " s is before " + EARLIEST
                    + " (is the device's clock right?)"));
        }
        Instant latest = clock.instant().plus(MAX_CLOCK_AHEAD);
        if (at.getSeconds() > latest.getEpochSecond()) {
            // in seconds, not as an Instant: 2^63-1 seconds is past what Instant can hold
            return Optional.of(Refusal.invalid("occurred_at " + at.getSeconds()
                    + " s is more than a day in the future (is the device's clock right?)"));
        }
        return Optional.empty();
    }
}
