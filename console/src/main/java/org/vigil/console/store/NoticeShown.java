package org.vigil.console.store;

import java.time.Instant;

/**
 * A device's session helper showed the sign-in notice (V21): when (as the device said), to which OS user, how
 * ("notify-send", "window", "tray"...), and when the console heard of it.
 */
public record NoticeShown(String deviceId, Instant shownAt, String osUser, String shownAs, Instant recordedAt) {
}
