package org.vigil.console.web;

import java.time.Duration;
import java.time.Instant;

/** "just now", "5 minutes ago", "3 days ago": how long ago something was, as a person says it. */
public final class RelativeTime {
    private RelativeTime() {
    }

    public static String since(Instant then, Instant now) {
        Duration ago = Duration.between(then, now);
        if (ago.isNegative() || ago.toSeconds() < 60) {
            return "just now";
        }
        if (ago.toMinutes() < 60) {
            return plural(ago.toMinutes(), "minute");
        }
        if (ago.toHours() < 48) {
            return plural(ago.toHours(), "hour");
        }
        return plural(ago.toDays(), "day");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s") + " ago";
    }
}
