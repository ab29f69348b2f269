package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class WordlistBundleTest {

    @Test
    void defaultsHoldEveryShippedCategoryAndParseToTheDefaultRules() {
        WordlistBundle bundle = WordlistBundle.defaults();
        assertEquals(Wordlist.defaults().categories().size(), bundle.files().size());
        assertEquals(Wordlist.defaults().rules().size(), bundle.wordlist().rules().size());
    }

    @Test
    void encodingRoundTripsTextWithCommentsAndHeaderLookalikes() {
        WordlistBundle bundle = WordlistBundle.of(Map.of(
                "drugs.txt", "# vigil-wordlist-bundle 1\n3 | weed\n# 2 | disabled entry\n",
                "gangs.txt", "drugs.txt 40\n"));
        assertEquals(bundle, WordlistBundle.decode(bundle.encode()));
    }

    @Test
    void versionIsTheContentHashAndIgnoresLineEndStyle() {
        WordlistBundle unix = WordlistBundle.of(Map.of("drugs.txt", "3 | weed\n4 | spice\n"));
        WordlistBundle windows = WordlistBundle.of(Map.of("drugs.txt", "3 | weed\r\n4 | spice\r\n"));
        assertEquals(unix.version(), windows.version());
        assertEquals(64, unix.version().length());
        assertNotEquals(unix.version(), unix.with("drugs.txt", "3 | weed\n").version());
    }

    @Test
    void malformedListIsRefusedWithFileAndLine() {
        WordlistBundle bundle = WordlistBundle.of(Map.of("drugs.txt", "3 | weed\n\n9 | spice\n"));
        WordlistFormatException refused = assertThrows(WordlistFormatException.class, bundle::wordlist);
        assertEquals("drugs.txt", refused.source());
        assertEquals(3, refused.line());
    }

    @Test
    void truncatedOrForeignTextIsNotABundle() {
        String encoded = WordlistBundle.of(Map.of("drugs.txt", "3 | weed\n")).encode();
        assertThrows(WordlistFormatException.class, () -> WordlistBundle.decode(encoded.substring(0, encoded.length() - 3)));
        assertThrows(WordlistFormatException.class, () -> WordlistBundle.decode("3 | weed\n"));
        assertThrows(WordlistFormatException.class, () -> WordlistBundle.decode(encoded.replace(" 9\n", " x\n")));
    }

    @Test
    void emptyBundleCannotBecomeAWordlist() {
        assertThrows(WordlistFormatException.class, () -> WordlistBundle.of(Map.of()).wordlist());
        assertTrue(WordlistBundle.decode(WordlistBundle.of(Map.of()).encode()).files().isEmpty());
    }
}
