package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FoldTest {

    private static String folded(String text) {
        return FoldedText.of(text).chars();
    }

    @Test
    void foldsCaseDiacriticsAndCompatibilityForms() {
        assertEquals("kil myself", folded("KÏLL MYSÉLF"));
        assertEquals("kil myself", folded("ｋｉｌｌ ｍｙｓｅｌｆ"));
        assertEquals("kil", folded("ⓚⓘⓛⓛ"));
        assertEquals("naive cafe", folded("naïve café"));
    }

    @Test
    void foldsLookAlikeLettersFromOtherScripts() {
        assertEquals("suicide", folded("sʋicide"));
        assertEquals("porn", folded("роrn"), "Cyrillic р and о");
        assertEquals("kil", folded("κιll"), "Greek kappa and iota");
        assertEquals("kil", folded("ᴋɪʟʟ"), "small capitals");
    }

    @Test
    void foldsLeetspeakDigitsAndSymbols() {
        assertEquals("kil myself", folded("k1ll mys3lf"));
        assertEquals("as", folded("@$$"));
        assertEquals("send nodz", folded("s3nd n00dz"));
    }

    @Test
    void readsSupplementaryLettersAsOneCharAndEmojiAsSeparators() {
        assertEquals("kil", folded("\uD835\uDC24\uD835\uDC22\uD835\uDC25\uD835\uDC25"), "mathematical bold kill");
        assertEquals("kil me", folded("kill\uD83D\uDE2Dme"), "a crying face between words");
    }

    @Test
    void dropsApostrophesMarksAndInvisibleCharsAndSqueezesSeparators() {
        assertEquals("dont", folded("don’t"));
        assertEquals("kil", folded("k\u200Bi\u00ADll"));
        assertEquals("self harm", folded("self -- harm"));
    }

    @Test
    void mapsEveryFoldedCharBackToItsExactSpanInTheOriginal() {
        String text = "I want to k1iiill mys3lf!";
        FoldedText f = FoldedText.of(text);
        assertEquals("i want to kil myself ", f.chars());
        int k = f.chars().indexOf("kil");
        assertEquals(10, f.starts()[k]);
        assertEquals("1iii", text.substring(f.starts()[k + 1], f.ends()[k + 1]), "the leet 1 and the stretch are one run");
        assertArrayEquals(new int[] {10, 11, 15}, new int[] {f.starts()[k], f.starts()[k + 1], f.starts()[k + 2]});
    }
}
