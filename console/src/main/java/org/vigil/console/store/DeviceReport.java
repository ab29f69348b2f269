package org.vigil.console.store;

import java.util.Optional;

/**
 * What an agent says about itself in a Hello or heartbeat. Empty strings keep what is stored.
 *
 * @param spoolDepth         events waiting in the agent's spool
 * @param screenshotsDropped screenshots the agent's spool dropped since it was made (cumulative)
 * @param eventsDropped      whole events the agent's spool dropped since it was made (cumulative)
 * @param policyVersion      the wordlist policy version the agent runs
 * @param monitoring         whether it is monitoring; empty if it did not say (older agents), which keeps what is
 *                           stored
 */
public record DeviceReport(String agentVersion, String os, String osUser, long spoolDepth, long screenshotsDropped,
                           long eventsDropped, String policyVersion, Optional<DeviceMonitoring> monitoring) {

    /** A report from an agent that says nothing about monitoring. */
    public DeviceReport(String agentVersion, String os, String osUser, long spoolDepth, long screenshotsDropped,
                        long eventsDropped, String policyVersion) {
        this(agentVersion, os, osUser, spoolDepth, screenshotsDropped, eventsDropped, policyVersion,
                Optional.empty());
    }
}
