package org.vigil.agent.delivery;

/** What the console knows this device by; sent as call metadata on the stream. */
public record DeviceCredentials(String deviceId, String deviceSecret) {
    @Override
    public String toString() {
        return "DeviceCredentials[deviceId=" + deviceId + ", deviceSecret=(hidden)]";
    }
}
