package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Plural, possessive and verb endings of listed words, in terms and in exceptions (issue 16, ADR 0162). */
class InflectionTest {
    private final Matcher defaults = Matcher.compile(Wordlist.defaults());

    @Test
    void aListedWordIsFoundInItsPluralPossessiveAndVerbForms() {
        Matcher matcher = TestLists.matcher("bullying.txt", "3 | slag\n3 | stab\n");
        assertEquals(List.of("slags", "slag's", "slags"), texts(matcher, "slags, that slag's bag, the slags' bags"),
                "a trailing apostrophe is left out of the hit, as any ignored char at a hit's end is");
        assertEquals(List.of("stabbed", "stabbing", "stabs"), texts(matcher, "he stabbed, is stabbing, stabs"));
    }

    @Test
    void theHitSaysItWasAnInflectedForm() {
        Hit hit = defaults.scan("shut up you slags").stream()
                .filter(h -> h.rule().plainTerm().equals("slag")).findFirst().orElseThrow();
        assertTrue(hit.normalisations().contains(Normalisation.INFLECTED), hit.toString());
        assertTrue(hit.explanation().contains("a plural, possessive or verb ending of the listed word"),
                hit.explanation());
    }

    @Test
    void anEntryWrittenWithEqualsIsMatchedExactly() {
        Matcher matcher = TestLists.matcher("drugs.txt", "3 | =weed\n");
        assertEquals(List.of("weed"), texts(matcher, "weeding the beds, weeds everywhere, got any weed"));
        assertTrue(defaults.scan("we spent the afternoon weeding the allotment").isEmpty());
        assertTrue(defaults.scan("the bombing of dresden in 1945").isEmpty());
    }

    @Test
    void exceptionsCoverTheInflectedFormsToo() {
        Matcher matcher = TestLists.matcher("violence-weapons.txt", "3 | kill | except: kill time\n");
        assertEquals(List.of(), texts(matcher, "just killing time before the bus"));
        assertEquals(List.of("killing"), texts(matcher, "he is killing me"));
    }

    @Test
    void aPossessiveDoesNotDefeatAnExceptionPhrase() {
        Matcher matcher = TestLists.matcher("suicide.txt", "2 | suicid* | except: romeo and juliet suicide\n");
        assertEquals(List.of(), texts(matcher, "essay on romeo and juliet's suicide"));
        assertEquals(List.of("suicide"), texts(matcher, "i think about suicide"));
        assertTrue(defaults.scan("the theme of romeo and juliet's suicide in act 5").isEmpty());
    }

    @Test
    void equalsIsRefusedWhereThereIsNoWordToInflect() {
        WordlistFormatException e = assertThrows(WordlistFormatException.class,
                () -> TestLists.matcher("suicide.txt", "2 | =suicid*\n"));
        assertTrue(e.getMessage().contains("whole words only"), e.getMessage());
    }

    private static List<String> texts(Matcher matcher, String text) {
        return matcher.scan(text).stream().map(Hit::matchedText).toList();
    }
}
