package org.vigil.console.store;

/** A device being enrolled: only the hash of its secret is stored. */
public record NewDevice(String id, String secretSha256, String hostname, String os, String agentVersion,
                        String osUser, long enrolmentTokenId) {
}
