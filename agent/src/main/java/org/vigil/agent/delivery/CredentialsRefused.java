package org.vigil.agent.delivery;

/**
 * What the device does when the console refuses its credentials on the stream (unknown device, or revoked). It
 * also says so in the log: delivery itself logs refusals at DEBUG only, as it retries them.
 */
@FunctionalInterface
public interface CredentialsRefused {
    /**
     * Called on delivery's thread at each refusal; must not block.
     *
     * @param reason the console's description
     * @return true when new credentials will come through {@link Delivery#start}: delivery stops retrying these;
     *         false to retry them with back-off
     */
    boolean refused(DeviceCredentials credentials, String reason);
}
