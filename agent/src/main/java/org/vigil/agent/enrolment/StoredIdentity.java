package org.vigil.agent.enrolment;

import java.util.Optional;
import org.vigil.agent.delivery.DeviceCredentials;
import org.vigil.proto.CertificateFingerprint;

/**
 * This device's identity as stored in {@code device.properties}.
 *
 * @param credentials the device id and secret the console gave at enrolment
 * @param consoleCa   the CA fingerprint of the console that gave them; empty in files written before it was recorded
 * @param replaces    the device id this identity replaced when the device enrolled again, if it did
 */
public record StoredIdentity(DeviceCredentials credentials, Optional<CertificateFingerprint> consoleCa,
                             Optional<String> replaces) {

    public String deviceId() {
        return credentials.deviceId();
    }

    /** Whether this identity belongs to the console with that CA. An old file that does not say is taken to. */
    public boolean boundTo(CertificateFingerprint configured) {
        return consoleCa.map(configured::equals).orElse(true);
    }
}
