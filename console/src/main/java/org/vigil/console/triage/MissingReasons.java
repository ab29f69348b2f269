package org.vigil.console.triage;

import java.util.List;
import org.vigil.console.request.InvalidRequest;

/**
 * A bulk false positive refused because severity 4-5 captures in it have no reason (or one too short): nothing
 * changed, and the page asks for a reason on each of {@link #captureIds()}.
 */
public final class MissingReasons extends InvalidRequest {
    private final List<Long> captureIds;

    MissingReasons(String message, List<Long> captureIds) {
        super(message);
        this.captureIds = List.copyOf(captureIds);
    }

    /** The severity 4-5 captures that still need a reason, in the order they were ticked. */
    public List<Long> captureIds() {
        return captureIds;
    }
}
