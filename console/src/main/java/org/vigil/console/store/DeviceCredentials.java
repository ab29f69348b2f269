package org.vigil.console.store;

/** What the console needs to authenticate a device. */
public record DeviceCredentials(String deviceId, String secretSha256, boolean revoked) {
}
