package org.vigil.console.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times as the console shows them: the server's time zone, to the second. */
public final class DisplayTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private DisplayTime() {
    }

    public static String of(Instant instant) {
        return FORMAT.format(instant.atZone(ZoneId.systemDefault()));
    }
}
