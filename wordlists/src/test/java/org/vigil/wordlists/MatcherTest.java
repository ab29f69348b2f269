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
    void prefixRuleReportsEachInflectionAsTyped() throws IOException {
        Matcher matcher = matcherFor("suicide.txt", "3 | suicid*\n");
        assertEquals(List.of("suicide", "suicidal", "suicides", "suicidally"),
                matched(matcher, "suicide? suicidal, suicides; suicidally."));
        assertEquals(List.of("suicid"), matched(matcher, "suicid"), "the term itself is a whole word too");
    }

    @Test
    void prefixHitsAtTheStartAndEndOfTheTextKeepExactOffsets() throws IOException {
        Matcher matcher = matcherFor("suicide.txt", "3 | suicid*\n");
        String text = "suicidal thoughts, feeling suicidal";
        List<Hit> hits = matcher.scan(text);
        assertEquals(2, hits.size());
        assertEquals(0, hits.get(0).start());
        assertEquals(8, hits.get(0).end());
        assertEquals(27, hits.get(1).start());
        assertEquals(text.length(), hits.get(1).end());
        hits.forEach(hit -> assertEquals(hit.matchedText(), text.substring(hit.start(), hit.end())));
    }

    @Test
    void prefixHitIsTheWholeWordAsTypedThroughDodges() throws IOException {
        Matcher matcher = matcherFor("suicide.txt", "3 | suicid*\n");
        assertEquals(List.of("SU1C1DAL"), matched(matcher, "im SU1C1DAL"));
        assertEquals(List.of("suiciiidal"), matched(matcher, "so suiciiidal!!"));
        assertEquals(List.of("suicide's"), matched(matcher, "the suicide's note"), "an apostrophe stays inside");
        assertEquals(List.of("suicida\u0301l"), matched(matcher, "suicida\u0301l now"),
                "a combining accent after the term does not cut the word short");
        String styled = "\uD835\uDC2C\uD835\uDC2E\uD835\uDC22\uD835\uDC1C\uD835\uDC22\uD835\uDC1D"
                + "\uD835\uDC1A\uD835\uDC25";
        String text = "i feel " + styled + " today";
        Hit hit = matcher.scan(text).get(0);
        assertEquals(styled, hit.matchedText(), "styled maths letters, two UTF-16 units each");
        assertEquals(7, hit.start());
        assertEquals(7 + styled.length(), hit.end());
        assertTrue(hit.normalisations().contains(Normalisation.COMPATIBILITY), hit.normalisations().toString());
    }

    @Test
    void prefixExceptionsAreCheckedOnTheTermNotTheLongerWord() throws IOException {
        Matcher matcher = matcherFor("gambling.txt", "2 | bet* | except: better; bet you\n");
        assertEquals(List.of(), matched(matcher, "a better plan, i bet you did"));
        assertEquals(List.of(), matched(matcher, "betterment"), "still inside the exception's word");
        assertEquals(List.of("betting", "bets"), matched(matcher, "betting shops take bets you know"));
    }

    private static List<String> matched(Matcher matcher, String text) {
        return matcher.scan(text).stream().map(Hit::matchedText).toList();
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
