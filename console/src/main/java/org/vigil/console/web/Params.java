package org.vigil.console.web;

import java.util.Optional;

/** Parsing of ids and numbers from paths, queries and forms: anything malformed is simply absent. */
final class Params {
    private Params() {
    }

    static Optional<Long> positive(String text) {
        if (text == null || !text.matches("[0-9]{1,15}")) {
            return Optional.empty();
        }
        long value = Long.parseLong(text);
        return value >= 1 ? Optional.of(value) : Optional.empty();
    }

    static Optional<String> nonBlank(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.strip());
    }
}
