package org.vigil.agent.spool;

import org.vigil.proto.v1.Event;

/** An event as the spool holds it: its position (increasing, oldest first) and the event itself. */
public record SpooledEvent(long position, Event event) {
}
