package org.vigil.console.store;

/**
 * What an agent says about itself in a Hello or heartbeat. Empty strings keep what is stored.
 *
 * @param spoolDepth         events waiting in the agent's spool
 * @param screenshotsDropped screenshots the agent's spool dropped since it was made (cumulative)
 * @param eventsDropped      whole events the agent's spool dropped since it was made (cumulative)
 * @param policyVersion      the wordlist policy version the agent runs
 */
public record DeviceReport(String agentVersion, String os, String osUser, long spoolDepth, long screenshotsDropped,
                           long eventsDropped, String policyVersion) {
}
