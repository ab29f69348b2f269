package org.vigil.agent.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Keeps retrying refused credentials, saying so once at ERROR for each device id in a row. */
final class KeepTrying implements CredentialsRefused {
    private static final Logger log = LoggerFactory.getLogger(Delivery.class);

    private String said = "";

    @Override
    public synchronized boolean refused(DeviceCredentials credentials, String reason) {
        if (!said.equals(credentials.deviceId())) {
            said = credentials.deviceId();
            log.error("console refused this device's credentials: {}; captures stay in the spool and delivery keeps "
                    + "retrying", reason);
        }
        return false;
    }
}
