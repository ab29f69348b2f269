package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatcherTest {

    private static Matcher matcherFor(String fileName, String body) throws IOException {
        return Matcher.compile(new Wordlist(WordlistParser.parse(fileName, new BufferedReader(new StringReader(body)))));
    }

    @Test
    void matchesWholeWordsIgnoringCase() throws IOException {
        Matcher matcher = matcherFor("violence-weapons.txt", "3 | kill\n");
        List<Hit> hits = matcher.scan("I will KILL him");
        assertEquals(1, hits.size());
        Hit hit = hits.get(0);
        assertEquals("KILL", hit.matchedText());
        assertEquals(7, hit.start());
        assertEquals(11, hit.end());
        assertEquals("violence-weapons", hit.rule().category());
        assertEquals("violence-weapons.txt:1", hit.rule().id());
    }

    @Test
    void staysQuietInsideLongerWords() throws IOException {
        Matcher matcher = matcherFor("violence-weapons.txt", "3 | kill\n2 | ass\n");
        assertEquals(List.of(), matcher.scan("my skills in Assassin's Creed and killer sudoku"));
    }

    @Test
    void prefixRuleMatchesTheWholeWordItStarts() throws IOException {
        Matcher matcher = matcherFor("suicide.txt", "3 | suicid*\n");
        List<Hit> hits = matcher.scan("feeling suicidal today");
        assertEquals(1, hits.size());
        assertEquals("suicidal", hits.get(0).matchedText());
        assertEquals(List.of(), matcher.scan("nonsuicidal"));
    }

    @Test
    void exceptionPhraseSilencesTheTermOnlyWhereItCoversIt() throws IOException {
        Matcher matcher = matcherFor("violence-weapons.txt", "2 | bomb | except: bath bomb\n");
        assertEquals(List.of(), matcher.scan("I got a bath bomb for her birthday"));
        assertEquals(1, matcher.scan("a bath bomb and a real bomb").size());
    }

    @Test
    void phrasesMatchAcrossSingleSpaces() throws IOException {
        Matcher matcher = matcherFor("suicide.txt", "5 | kill myself\n");
        assertEquals("kill myself", matcher.scan("i want to kill myself.").get(0).matchedText());
    }

    @Test
    void defaultListsLoadAndCoverTheSkeletonCategories() {
        Wordlist defaults = Wordlist.defaults();
        assertTrue(defaults.categories().containsAll(List.of("suicide", "self-harm", "bullying", "violence-weapons")),
                defaults.categories().toString());
        Matcher matcher = Matcher.compile(defaults);
        Hit hit = matcher.scan("honestly i want to kill myself").get(0);
        assertEquals("suicide", hit.rule().category());
        assertEquals(5, hit.rule().severity());
        assertEquals(List.of(), matcher.scan("our history homework on the gunpowder plot and my skills"));
    }
}
