package org.vigil.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WireTextTest {
    @Test
    void textIsCutToTheLimitWithoutSplittingASurrogatePair() {
        assertEquals("abc", WireText.cut("abcdef", 3));
        assertEquals("ab", WireText.cut("ab\uD83D\uDE00cd", 3), "the emoji would be split: left out whole");
        assertEquals("short", WireText.cut("short", 10));
        assertEquals("", WireText.cut(null, 10));
    }
}
