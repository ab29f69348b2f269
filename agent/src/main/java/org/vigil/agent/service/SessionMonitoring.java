package org.vigil.agent.service;

import org.vigil.proto.v1.Monitoring;

/**
 * How the device half asks the session half whether it is monitoring. In one process the session answers
 * directly; as two processes, {@link SessionHelpers} answers with what the helpers last reported over the local
 * socket, and which of them went without signing off.
 */
@FunctionalInterface
public interface SessionMonitoring {
    /** Before a session is there to ask: nothing is heard. */
    SessionMonitoring NONE = Monitoring::getDefaultInstance;

    Monitoring now();
}
