package org.vigil.console.cluster;

import java.util.Optional;

/**
 * What one console instance tells the others (ADR 0172). Ids only, never pupil text: on PostgreSQL the messages
 * travel as NOTIFY payloads, which any session of the database may read.
 */
public sealed interface ClusterMessage {

    /** The policy in force or a device's group changed: look in the database and push what changed. */
    record PolicyChanged() implements ClusterMessage {
    }

    /** A device was revoked: end its live stream at once. */
    record DeviceRevoked(String deviceId) implements ClusterMessage {
        public DeviceRevoked {
            ClusterPayload.checkId(deviceId);
        }
    }

    /** A capture was stored and committed: show it in open live queues (each reads the row by id). */
    record CaptureStored(long captureId) implements ClusterMessage {
    }

    /**
     * The sender took the device's live stream, with this generation ({@code device_streams}): a holder of an older
     * generation ends its stream (ADR 0173).
     */
    record StreamTaken(String deviceId, long generation) implements ClusterMessage {
        public StreamTaken {
            ClusterPayload.checkId(deviceId);
        }
    }

    /**
     * Settings were changed: a school's own values ({@code school} names it), or the trust's defaults (empty), which
     * reach every school without a value of its own. Receivers read the settings again and push what devices get
     * (ADR 0207).
     */
    record SettingsChanged(Optional<Long> school) implements ClusterMessage {
        public SettingsChanged {
            if (school == null || school.filter(id -> id <= 0).isPresent()) {
                throw new IllegalArgumentException("a settings change names a school by its id, or none for the"
                        + " trust's defaults");
            }
        }
    }
}
