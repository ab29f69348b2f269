package org.vigil.wordlists.typo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The one-slip misspellings of a word and the English words that guard them (issue 16, ADR 0164). */
class TyposTest {

    @Test
    void eachKindOfSlipGivesItsMisspellings() {
        Map<String, Misspelling.Edit> typed = Typos.of("myself").stream()
                .collect(Collectors.toMap(Misspelling::typed, Misspelling::edit));
        assertEquals(Misspelling.Edit.DROPPED, typed.get("mysef"));
        assertEquals(Misspelling.Edit.DOUBLED, typed.get("myselff"));
        assertEquals(Misspelling.Edit.SWAPPED, typed.get("myslef"));
        assertEquals(Misspelling.Edit.NEIGHBOUR_KEY, typed.get("mysekf"), "l and k are side by side");
        assertEquals(Misspelling.Edit.NEIGHBOUR_KEY, typed.get("myswlf"), "w is beside e on the row");
        assertFalse(typed.containsKey("mysdlf"), "d is below e, not beside it: sideways slips only");
        assertFalse(typed.containsKey("nyself"), "the first letter is left as typed");
        assertFalse(typed.containsKey("yself"), "the first letter is never dropped");
        assertFalse(typed.containsKey("myself"), "never the word itself");
        assertFalse(typed.containsKey("mpself"), "p is nowhere near y");
        assertFalse(typed.containsKey("mesylf"), "one slip only");
    }

    @Test
    void aDoubledLetterIsDroppedButNotTripled() {
        List<String> typed = Typos.of("killing").stream().map(Misspelling::typed).toList();
        assertTrue(typed.contains("kiling"));
        assertFalse(typed.contains("kiillling"));
        assertFalse(typed.contains("killling"), "three in a row already match as a stretched letter");
    }

    @Test
    void shortWordsAndWordsWithOtherCharsTakeNone() {
        assertEquals(List.of(), Typos.of("kill"));
        assertEquals(List.of(), Typos.of("kills"));
        assertEquals(List.of(), Typos.of("bet365"));
        assertTrue(Typos.applies("myself"));
    }

    @Test
    void neighbouringKeysAreTheKeysEitherSideOnTheRow() {
        assertEquals(Set.of('w'), chars(Qwerty.neighbours('q')));
        assertEquals(Set.of('a', 'd'), chars(Qwerty.neighbours('s')));
        assertEquals(Set.of('n'), chars(Qwerty.neighbours('m')));
        assertEquals(Set.of('o'), chars(Qwerty.neighbours('p')));
        assertEquals("", Qwerty.neighbours('3'));
    }

    @Test
    void theEnglishWordListKnowsWordsAndWordStarts() {
        Set<String> real = EnglishWords.among(Set.of("overdoes", "myslef", "colour", "color"), Set.of("overdo", "suicd"));
        assertEquals(Set.of("overdoes", "colour", "color", "overdo"), real,
                "British and American spellings both guard; a prefix is real when a word starts with it");
    }

    private static Set<Character> chars(String s) {
        return s.chars().mapToObj(c -> (char) c).collect(Collectors.toSet());
    }
}
