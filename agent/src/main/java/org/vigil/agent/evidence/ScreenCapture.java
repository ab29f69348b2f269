package org.vigil.agent.evidence;

import java.util.Optional;
import org.vigil.proto.v1.Screenshot;

/** A picture of what is on the pupil's screens when a hit is made. Never throws: empty when there is none. */
@FunctionalInterface
public interface ScreenCapture {
    Optional<Screenshot> take();
}
