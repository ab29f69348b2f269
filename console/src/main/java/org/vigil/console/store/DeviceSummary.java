package org.vigil.console.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A device as IT sees it in a list: identity, health and spool state, whether it is monitoring (empty if its agent
 * never said) and whether its agent stopped cleanly and has not been heard from since; never capture content.
 */
public record DeviceSummary(String id, String hostname, String os, String agentVersion, String osUser,
                            Instant enrolledAt, Optional<Instant> lastSeenAt, Optional<Instant> revokedAt,
                            Optional<Long> spoolDepth, long screenshotsDropped, long eventsDropped,
                            long eventsRejected, long captures, Optional<String> policyVersion,
                            Optional<String> group, Optional<DeviceMonitoring> monitoring,
                            Optional<CleanStop> stopped) {
}
