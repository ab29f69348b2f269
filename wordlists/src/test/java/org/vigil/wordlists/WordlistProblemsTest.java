package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WordlistProblemsTest {

    @Test
    void everyBadLineOfEveryFileIsReportedInOneGo() {
        WordlistBundle bundle = WordlistBundle.of(Map.of(
                "drugs.txt", "3 | weed\n9 | spice\n3 | crack | bad\n3 | weed\n",
                "gangs.txt", "# fine\n2 | opps\n | \n"));
        WordlistProblems refused = assertThrows(WordlistProblems.class, bundle::wordlist);
        assertEquals(List.of(
                "drugs.txt:2: severity must be a number from 1 to 5, got '9'",
                "drugs.txt:3: the third field starts with 'except:'",
                "drugs.txt:4: \"weed\" is already listed on line 1",
                "gangs.txt:3: severity must be a number from 1 to 5, got ''"), refused.lines());
        assertEquals(4, refused.total());
        assertEquals("drugs.txt", refused.source());
        assertEquals(2, refused.line());
        assertEquals(String.join("\n", refused.lines()), refused.getMessage());
    }

    @Test
    void oneBadLineKeepsTheSingleErrorMessage() {
        WordlistBundle bundle = WordlistBundle.of(Map.of("drugs.txt", "3 | weed\n\n9 | spice\n"));
        WordlistFormatException refused = assertThrows(WordlistFormatException.class, bundle::wordlist);
        assertEquals("drugs.txt:3: severity must be a number from 1 to 5, got '9'", refused.getMessage());
        assertEquals("severity must be a number from 1 to 5, got '9'", refused.reason());
    }

    @Test
    void problemsBeyondAHundredAreCountedNotListed() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            text.append("7 | term").append(i).append('\n');
        }
        WordlistProblems refused = assertThrows(WordlistProblems.class,
                () -> WordlistBundle.of(Map.of("drugs.txt", text.toString())).wordlist());
        assertEquals(250, refused.total());
        assertEquals(WordlistProblems.MAX_KEPT, refused.problems().size());
        assertEquals("drugs.txt:100: severity must be a number from 1 to 5, got '7'", refused.lines().get(99));
        assertEquals("and 150 more problems", refused.lines().get(100));
    }

    @Test
    void aBadFileNameIsReportedBesideOtherFilesBadLines() {
        WordlistBundle bundle = WordlistBundle.of(Map.of("Drugs.txt", "3 | weed\n", "gangs.txt", "0 | opps\n"));
        WordlistProblems refused = assertThrows(WordlistProblems.class, bundle::wordlist);
        assertEquals(2, refused.total());
        assertTrue(refused.lines().get(0).startsWith("Drugs.txt:0: the file name must be a category id"),
                refused.lines().toString());
        assertEquals("gangs.txt:1: severity must be a number from 1 to 5, got '0'", refused.lines().get(1));
    }

    @Test
    void decodingDropsAByteOrderMarkAndRefusesInvalidUtf8WithItsLine() {
        assertEquals("3 | weed\n", WordlistBundle.decodeFile("drugs.txt", "\uFEFF3 | weed\n".getBytes(
                StandardCharsets.UTF_8)));
        WordlistFormatException refused = assertThrows(WordlistFormatException.class,
                () -> WordlistBundle.decodeFile("drugs.txt", new byte[] {'3', ' ', '|', ' ', 'a', '\n', (byte) 0xC3}));
        assertEquals("drugs.txt:2: the file is not valid UTF-8", refused.getMessage());
    }
}
