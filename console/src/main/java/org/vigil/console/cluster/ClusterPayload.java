package org.vigil.console.cluster;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A {@link ClusterMessage} as text: {@code <instance> <kind> [<id> [<number>]]}, e.g.
 * {@code c1f2a3b4c5d6 capture 42}. Anyone who may connect to the database may also send on the channel, so a payload
 * that is not one of ours is refused, not trusted.
 */
public final class ClusterPayload {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    /** A message as received: who sent it, and what. */
    public record Received(String instanceId, ClusterMessage message) {
    }

    private ClusterPayload() {
    }

    static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a cluster message carries ids only (letters, digits, '-', at most"
                    + " 64): refused " + (id == null ? "null" : "a value of " + id.length() + " chars"));
        }
        return id;
    }

    public static String encode(String instanceId, ClusterMessage message) {
        String body;
        if (message instanceof ClusterMessage.DeviceRevoked revoked) {
            body = "revoked " + revoked.deviceId();
        } else if (message instanceof ClusterMessage.CaptureStored stored) {
            body = "capture " + stored.captureId();
        } else if (message instanceof ClusterMessage.StreamTaken taken) {
            body = "stream " + taken.deviceId() + " " + taken.generation();
        } else if (message instanceof ClusterMessage.SettingsChanged settings) {
            body = settings.school().map(id -> "settings " + id).orElse("settings");
        } else {
            body = "policy";
        }
        return checkId(instanceId) + " " + body;
    }

    /** The message, or empty if the text is not one this version sends. */
    public static Optional<Received> decode(String payload) {
        if (payload == null) {
            return Optional.empty();
        }
        String[] parts = payload.split(" ", -1);
        try {
            if (parts.length < 2 || !ID.matcher(parts[0]).matches()) {
                return Optional.empty();
            }
            ClusterMessage message = switch (parts[1]) {
                case "policy" -> parts.length == 2 ? new ClusterMessage.PolicyChanged() : null;
                case "revoked" -> parts.length == 3 ? new ClusterMessage.DeviceRevoked(parts[2]) : null;
                case "capture" -> parts.length == 3 ? new ClusterMessage.CaptureStored(Long.parseLong(parts[2])) : null;
                case "stream" -> parts.length == 4
                        ? new ClusterMessage.StreamTaken(parts[2], Long.parseLong(parts[3])) : null;
                case "settings" -> parts.length == 2 ? new ClusterMessage.SettingsChanged(Optional.empty())
                        : parts.length == 3 ? new ClusterMessage.SettingsChanged(Optional.of(Long.parseLong(parts[2])))
                        : null;
                default -> null;
            };
            return Optional.ofNullable(message).map(m -> new Received(parts[0], m));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
