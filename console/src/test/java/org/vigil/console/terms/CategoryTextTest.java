package org.vigil.console.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigil.wordlists.MatchMode;
import org.vigil.wordlists.WordlistBundle;

class CategoryTextTest {
    private static final String TEXT = "# drugs, street names\n3 | weed | except: weed the garden\n\n4 | spice*\n"
            + "# a note that stays\n2 | self~medicate\n";

    @Test
    void listsEveryEntryOnOrOffWithItsLine() {
        String text = TEXT + "# off: 3 | ket\n";
        assertEquals(List.of(
                new CategoryText.Entry(2, new TermEntry(3, "weed", MatchMode.WHOLE_WORD,
                        List.of("weed the garden")), true),
                new CategoryText.Entry(4, new TermEntry(4, "spice", MatchMode.WORD_PREFIX,
                        List.of()), true),
                new CategoryText.Entry(6, new TermEntry(2, "self~medicate",
                        MatchMode.FLEXIBLE_PHRASE, List.of()), true),
                new CategoryText.Entry(7, new TermEntry(3, "ket", MatchMode.WHOLE_WORD,
                        List.of()), false)), CategoryText.entries("drugs", text));
    }

    @Test
    void addingAppendsOneLineAndKeepsTheRest() {
        assertEquals(TEXT + "5 | county lines | except: county lines map\n", CategoryText.add("drugs", TEXT,
                TermEntry.of("5", "  County   Lines ", "word", "county lines map; ")));
        assertEquals("3 | a\n4 | bag~of~weed\n", CategoryText.add("drugs", "3 | a", TermEntry.of("4", "bag of weed",
                "flexible", "")));
        assertEquals("2 | ket*\n", CategoryText.add("drugs", "", TermEntry.of("2", "ket", "prefix", "")));
    }

    @Test
    void addingATermAlreadyListedOnOrOffIsRefused() {
        assertEquals("\"weed\" is already listed on line 2", assertThrows(IllegalArgumentException.class,
                () -> CategoryText.add("drugs", TEXT, TermEntry.of("1", "WEED", "word", ""))).getMessage());
        assertEquals("\"ket\" is already listed on line 1 (switched off: switch it on instead)",
                assertThrows(IllegalArgumentException.class, () -> CategoryText.add("drugs", "# off: 3 | ket\n",
                        TermEntry.of("1", "ket", "word", ""))).getMessage());
    }

    @Test
    void editingChangesOnlyThatLine() {
        assertEquals(TEXT.replace("4 | spice*", "5 | spice | except: spice girls"),
                CategoryText.edit("drugs", TEXT, 4, TermEntry.of("5", "spice", "word", "spice girls")));
        assertEquals(TEXT.replace("2 | self~medicate", "3 | self medicate"),
                CategoryText.edit("drugs", TEXT, 6, TermEntry.of("3", "self medicate", "word", "")));
    }

    @Test
    void switchingOffCommentsTheLineOutRecognisablyAndSwitchingOnRestoresIt() {
        String off = CategoryText.disable("drugs", TEXT, 4, "spice");
        assertEquals(TEXT.replace("4 | spice*", "# off: 4 | spice*"), off);
        assertEquals(List.of(new TermChange("drugs", "spice", TermChange.Kind.REMOVED, Optional.of("4 | spice*"),
                Optional.empty())), TermDiff.between(WordlistBundle.of(Map.of("drugs.txt", TEXT)).wordlist(),
                WordlistBundle.of(Map.of("drugs.txt", off)).wordlist()));
        assertEquals(TEXT, CategoryText.enable("drugs", off, 4, "spice"));
        assertEquals(off.replace("# off: 4 | spice*", "# off: 2 | spice*"),
                CategoryText.edit("drugs", off, 4, TermEntry.of("2", "spice", "prefix", "")));
    }

    @Test
    void deletingRemovesOnlyThatLine() {
        assertEquals(TEXT.replace("4 | spice*\n", ""), CategoryText.delete("drugs", TEXT, 4, "spice"));
        String off = CategoryText.disable("drugs", TEXT, 2, "weed");
        assertEquals(TEXT.replace("3 | weed | except: weed the garden\n", ""), CategoryText.delete("drugs", off, 2, "weed"));
        assertEquals("", CategoryText.delete("drugs", "3 | weed\n", 1, "weed"));
    }

    @Test
    void anEditAimedAtALineThatNoLongerHoldsTheTermChangesNothing() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> CategoryText.delete("drugs", TEXT, 2, "spice")).getMessage();
        assertEquals("line 2 does not hold \"spice\" any more: the list changed since the page was loaded;"
                + " reload it and try again", message);
        assertThrows(IllegalArgumentException.class, () -> CategoryText.disable("drugs", TEXT, 1, "weed"));
        assertThrows(IllegalArgumentException.class, () -> CategoryText.enable("drugs", TEXT, 2, "weed"));
        assertThrows(IllegalArgumentException.class, () -> CategoryText.disable("drugs", TEXT, 99, "weed"));
    }

    @Test
    void fieldsThatWouldBreakTheLineFormatAreRefused() {
        assertEquals("the term may not contain '|' (it separates the fields of a line)",
                assertThrows(IllegalArgumentException.class, () -> TermEntry.of("3", "a | except: b", "word", ""))
                        .getMessage());
        assertEquals("an exception may not contain a line break", assertThrows(IllegalArgumentException.class,
                () -> TermEntry.of("3", "weed", "word", "weed x\n5 | injected")).getMessage());
        assertEquals("the term may not contain '*': choose the match 'prefix' instead",
                assertThrows(IllegalArgumentException.class, () -> TermEntry.of("3", "spi*ce", "word", "")).getMessage());
        assertEquals("the term may not contain '~': choose the match 'flexible' instead",
                assertThrows(IllegalArgumentException.class, () -> TermEntry.of("3", "self~harm", "word", "")).getMessage());
        assertEquals("severity must be a number from 1 to 5, got '6'",
                assertThrows(IllegalArgumentException.class, () -> TermEntry.of("6", "weed", "word", "")).getMessage());
        assertEquals("the term is empty",
                assertThrows(IllegalArgumentException.class, () -> TermEntry.of("3", "  ", "word", "")).getMessage());
    }
}
