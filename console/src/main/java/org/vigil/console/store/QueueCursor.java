package org.vigil.console.store;

import java.util.Optional;

/**
 * Where a queue page ends: the next page starts after this capture in (severity, time, id) order. Keyset paging
 * keeps a deep page as cheap as the first.
 */
public record QueueCursor(int severity, long occurredAt, long id) {

    public String encode() {
        return severity + "." + occurredAt + "." + id;
    }

    public static Optional<QueueCursor> parse(String text) {
        if (text == null || !text.matches("[1-5]\\.[0-9]{1,15}\\.[0-9]{1,15}")) {
            return Optional.empty();
        }
        String[] parts = text.split("\\.");
        return Optional.of(new QueueCursor(Integer.parseInt(parts[0]), Long.parseLong(parts[1]),
                Long.parseLong(parts[2])));
    }
}
