package org.vigil.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogValuesTest {
    @Test
    void aNewlineCannotStartAForgedLogLine() {
        assertEquals("mallory\\n2026-11-30 INFO admin signed in", LogValues.escape(
                "mallory\n2026-11-30 INFO admin signed in"));
        assertEquals("a\\r\\tb\\u001b[31mc\\\\", LogValues.escape("a\r\tb\u001b[31mc\\"));
        assertEquals("line\\u2028sep", LogValues.escape("line\u2028sep"));
    }

    @Test
    void ordinaryValuesAreUnchangedAndLongOnesCut() {
        assertEquals("Zoë O'Brien-Smith", LogValues.escape("Zoë O'Brien-Smith"));
        String cut = LogValues.escape("x".repeat(10_000));
        assertTrue(cut.length() <= LogValues.MAX_CHARS + 1 && cut.endsWith("…"), cut.length() + "");
        assertEquals("null", LogValues.escape(null));
    }
}
