package org.vigil.agent.service;

import org.vigil.proto.v1.Monitoring;

/**
 * How the device half asks the session half whether it is monitoring. In one process the session answers
 * directly; when the halves become two processes, this is what the helper last reported over the local socket.
 */
@FunctionalInterface
public interface SessionMonitoring {
    /** Before a session is there to ask: nothing is heard. */
    SessionMonitoring NONE = Monitoring::getDefaultInstance;

    Monitoring now();
}
