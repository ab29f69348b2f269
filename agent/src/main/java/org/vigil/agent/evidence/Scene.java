package org.vigil.agent.evidence;

import java.util.Optional;
import org.vigil.agent.window.WindowInfo;
import org.vigil.proto.v1.Screenshot;

/**
 * What was on the screen at a line's first hit: the window typed into and the screenshot. Every event from the
 * same line shares it, so a line with three hits takes one screenshot, not three.
 */
record Scene(WindowInfo window, Optional<Screenshot> screenshot) {
}
