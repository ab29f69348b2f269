package org.vigil.console.ingest;

import java.util.Optional;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.EnrollRequest;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Heartbeat;
import org.vigil.proto.v1.Hello;
import org.vigil.proto.v1.Monitoring;
import org.vigil.proto.v1.SpoolDrops;

/**
 * A limit on every string and number a device sends (issue 13: a 7 MB hostname made /devices 16 MB, and 7 MB of
 * matched text made the queue unloadable), checked before anything is stored. A refusal names the field and the
 * limit, as INVALID_ARGUMENT: the agent never retries an invalid message as it would an unavailable console.
 */
final class FieldLimits {
    private FieldLimits() {
    }

    static Optional<Refusal> problemWith(EnrollRequest request) {
        return first(
                text("enrolment_token", request.getEnrolmentToken(), WireNames.MAX_NAME_CHARS),
                text("hostname", request.getHostname(), WireNames.MAX_NAME_CHARS),
                text("os", request.getOs(), WireNames.MAX_NAME_CHARS),
                text("agent_version", request.getAgentVersion(), WireNames.MAX_NAME_CHARS),
                text("user", request.getUser(), WireNames.MAX_NAME_CHARS));
    }

    static Optional<Refusal> problemWith(Hello hello) {
        return first(
                text("hello.device_id", hello.getDeviceId(), WireNames.MAX_NAME_CHARS),
                text("hello.policy_version", hello.getPolicyVersion(), WireNames.MAX_NAME_CHARS),
                text("hello.agent_version", hello.getAgentVersion(), WireNames.MAX_NAME_CHARS),
                text("hello.os", hello.getOs(), WireNames.MAX_NAME_CHARS),
                text("hello.user", hello.getUser(), WireNames.MAX_NAME_CHARS),
                text("hello.replaces_device_id", hello.getReplacesDeviceId(), WireNames.MAX_NAME_CHARS),
                notNegative("hello.spool_depth", hello.getSpoolDepth()),
                drops("hello.drops", hello.getDrops()),
                monitoring("hello.monitoring", hello.getMonitoring()));
    }

    static Optional<Refusal> problemWith(Heartbeat heartbeat) {
        return first(
                text("heartbeat.policy_version", heartbeat.getPolicyVersion(), WireNames.MAX_NAME_CHARS),
                notNegative("heartbeat.spool_depth", heartbeat.getSpoolDepth()),
                drops("heartbeat.drops", heartbeat.getDrops()),
                monitoring("heartbeat.monitoring", heartbeat.getMonitoring()));
    }

    /** The fields {@link EventValidator} does not check itself: names, titles, the sequence and screenshot size. */
    static Optional<Refusal> problemWith(Event event) {
        return first(
                notNegative("seq", event.getSeq()),
                text("user", event.getUser(), WireNames.MAX_NAME_CHARS),
                text("window_title", event.getWindowTitle(), WireNames.MAX_WINDOW_TITLE_CHARS),
                text("app", event.getApp(), WireNames.MAX_NAME_CHARS),
                text("category", event.getCategory(), WireNames.MAX_CATEGORY_CHARS),
                text("rule_id", event.getRuleId(), WireNames.MAX_NAME_CHARS),
                text("explanation", event.getExplanation(), WireNames.MAX_EXPLANATION_CHARS),
                text("screenshot.media_type", event.getScreenshot().getMediaType(), WireNames.MAX_NAME_CHARS),
                side("screenshot.width", event.getScreenshot().getWidth()),
                side("screenshot.height", event.getScreenshot().getHeight()));
    }

    private static Optional<Refusal> monitoring(String field, Monitoring monitoring) {
        if (monitoring.getDeadWorkersCount() > WireNames.MAX_DEAD_WORKERS) {
            return Optional.of(Refusal.invalid(field + ".dead_workers names " + monitoring.getDeadWorkersCount()
                    + " workers, more than " + WireNames.MAX_DEAD_WORKERS));
        }
        for (String worker : monitoring.getDeadWorkersList()) {
            Optional<Refusal> problem = text(field + ".dead_workers", worker, WireNames.MAX_NAME_CHARS);
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> drops(String field, SpoolDrops drops) {
        return first(notNegative(field + ".screenshots", drops.getScreenshots()),
                notNegative(field + ".events", drops.getEvents()));
    }

    private static Optional<Refusal> text(String field, String value, int max) {
        return value.length() <= max ? Optional.empty()
                : Optional.of(Refusal.invalid(field + " has " + value.length() + " chars, more than " + max));
    }

    private static Optional<Refusal> notNegative(String field, long value) {
        return value >= 0 ? Optional.empty() : Optional.of(Refusal.invalid(field + " is negative: " + value));
    }

    private static Optional<Refusal> side(String field, int pixels) {
        return pixels >= 0 && pixels <= WireNames.MAX_SCREENSHOT_SIDE ? Optional.empty()
                : Optional.of(Refusal.invalid(field + " " + pixels + " is outside 0.." + WireNames.MAX_SCREENSHOT_SIDE));
    }

    @SafeVarargs
    private static Optional<Refusal> first(Optional<Refusal>... problems) {
        for (Optional<Refusal> problem : problems) {
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }
}
