package org.vigil.console.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vigil.console.request.InvalidRequest;
import org.vigil.wordlists.MatchMode;

class TermExceptionsTest {
    private static final String FILE = "# drugs, a comment\n"
            + "3 | weed\n"
            + "\n"
            + "# 2 | disabled | except: disabled entry\n"
            + "4 | spice   | except: spice girls ;spice rack  \n"
            + "3 | ket*\n";

    @Test
    void givesATermWithoutExceptionsItsFirstAndLeavesEveryOtherLineAlone() {
        String edited = TermExceptions.withException("drugs.txt", FILE, "weed", MatchMode.WHOLE_WORD, "Weed  Killer");
        assertEquals(FILE.replace("3 | weed\n", "3 | weed | except: weed killer\n"), edited);
    }

    @Test
    void appendsToAnExistingExceptionList() {
        String edited = TermExceptions.withException("drugs.txt", FILE, "spice", MatchMode.WHOLE_WORD, "spice up");
        assertEquals(FILE.replace("spice rack  \n", "spice rack; spice up\n"), edited);
    }

    @Test
    void findsAPrefixTermByItsModeAndLeavesAnExistingExceptionAsItIs() {
        String edited = TermExceptions.withException("drugs.txt", FILE, "ket", MatchMode.WORD_PREFIX, "ketchup");
        assertTrue(edited.endsWith("3 | ket* | except: ketchup\n"), edited);
        assertEquals(FILE, TermExceptions.withException("drugs.txt", FILE, "spice", MatchMode.WHOLE_WORD, "spice rack"));
    }

    @Test
    void refusesATermThatIsGoneOrDisabledAndAPhraseThatWouldBreakTheLine() {
        InvalidRequest gone = assertThrows(InvalidRequest.class,
                () -> TermExceptions.withException("drugs.txt", FILE, "disabled", MatchMode.WHOLE_WORD, "disabled x"));
        assertTrue(gone.getMessage().contains("no longer in drugs.txt"), gone.getMessage());
        assertThrows(InvalidRequest.class,
                () -> TermExceptions.withException("drugs.txt", FILE, "ket", MatchMode.WHOLE_WORD, "ketamine x"));
        assertThrows(InvalidRequest.class,
                () -> TermExceptions.withException("drugs.txt", FILE, "weed", MatchMode.WHOLE_WORD, "weed | 5 | x"));
    }
}
