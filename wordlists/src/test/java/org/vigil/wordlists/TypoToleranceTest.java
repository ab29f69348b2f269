package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.vigil.wordlists.typo.Misspelling;

/**
 * Misspellings of long words in severity 4-5 entries, read at each word end through the slip index and the automaton
 * re-stepped through the listed word (issue 16, ADR 0164); and a doubled last letter read as the listed word.
 */
class TypoToleranceTest {
    private static final Matcher LISTS = TestLists.matcher(
            "suicide.txt", "5 | kill myself | except: kill myself laughing\n5 | overdose\n4 | overdos*\n",
            "self-harm.txt", "4 | starving myself\n3 | starving\n",
            "bullying.txt", "3 | pathetic\n");

    @Test
    void eachKindOfSlipInALongWordStillMatches() {
        assertMisspelt("kill mysef", Misspelling.Edit.DROPPED);
        assertMisspelt("kill myselff", Misspelling.Edit.DOUBLED);
        assertMisspelt("kill myslef", Misspelling.Edit.SWAPPED);
        assertMisspelt("kill mysekf", Misspelling.Edit.NEIGHBOUR_KEY);
    }

    @Test
    void theExplanationNamesTheMisspelling() {
        Hit hit = only(LISTS.scan("i want to KILL MYSLEF"));
        assertTrue(hit.explanation().contains("reading \"myslef\" as a misspelling of \"myself\""), hit.explanation());
        assertTrue(hit.explanation().contains("after undoing upper case"), hit.explanation());
        assertTrue(hit.normalisations().contains(Normalisation.MISSPELLED));
        assertEquals("KILL MYSLEF", hit.matchedText());
    }

    @Test
    void shortWordsAndLowSeveritiesTakeNoMisspellings() {
        assertEquals(List.of(), LISTS.scan("kil myslef"), "\"kil\" is three letters: one slip per entry, in a long word");
        assertEquals(List.of(), LISTS.scan("so patehtic"), "severity 3");
        assertEquals(List.of(), LISTS.scan("starvign"), "severity 3");
        assertEquals("starving myself", only(LISTS.scan("starvign myself")).rule().plainTerm(), "severity 4");
    }

    @Test
    void aMisspellingThatIsARealWordIsNeverProduced() {
        assertEquals(List.of(), LISTS.scan("he always overdoes the salt"), "\"overdoes\" swaps s and e of \"overdose\"");
        assertEquals(List.of(), LISTS.scan("the chips were overdone"),
                "\"overdo\" (s dropped from the prefix overdos*) begins English words, so it is not a variant");
        assertEquals(Set.of("overdose", "overdos"), LISTS.scan("took an overdsoe").stream()
                .map(h -> h.rule().plainTerm()).collect(java.util.stream.Collectors.toSet()),
                "the whole word and the prefix entry each read the slip");
        assertEquals(2, LISTS.scan("took an overdsoe").size(), "one hit per entry");
    }

    @Test
    void exceptionsStillApplyToTheMisspeltForm() {
        assertEquals(List.of(), LISTS.scan("i was kill myslef laughing at that"));
        assertEquals(1, LISTS.scan("i will kill myslef").size());
    }

    @Test
    void aMisspellingThatAnotherEntryListsOrExceptsIsLeftToThatEntry() {
        Matcher matcher = TestLists.matcher("suicide.txt", "5 | zorbling now\n", "bullying.txt",
                "2 | zorblin\n2 | now | except: zorblin now\n", "drugs.txt", "5 | quaxxle\n1 | quaxle\n");
        assertEquals(List.of("zorblin"), matcher.scan("zorblin now").stream().map(h -> h.rule().plainTerm()).toList(),
                "\"zorblin now\" (g dropped) is an exception of another entry, so not a misspelling of \"zorbling now\"");
        Hit hit = only(matcher.scan("some quaxle"));
        assertEquals(1, hit.severity(), "\"quaxle\" is listed in its own right: that entry's hit, not a misspelling");
        assertTrue(matcher.scan("zorblimg now").stream().anyMatch(h -> h.severity() == 5 && !h.misspellings().isEmpty()),
                "other slips of the same word still match");
    }

    @Test
    void anEntryWrittenWithBangOrEqualsTakesNoMisspellings() {
        Matcher matcher = TestLists.matcher("suicide.txt", "5 | !overdose\n5 | =strangle\n5 | !suicid*\n");
        assertEquals(List.of(), matcher.scan("an overdsoe, strnagle, suicdal"));
        assertEquals(List.of("overdosed", "suicidal"), matcher.scan("overdosed, strangled, suicidal").stream()
                .map(Hit::matchedText).toList(), "'!' keeps the endings and prefixes, '=' is exact");
        assertEquals("a word starting with \"suicid\"", explanationPart(only(matcher.scan("suicidal"))));
    }

    @Test
    void theMarkerIsRefusedWhereNoMisspellingIsEverAdded() {
        WordlistFormatException flexible = assertThrows(WordlistFormatException.class,
                () -> TestLists.matcher("self-harm.txt", "4 | !self~harm\n"));
        assertTrue(flexible.getMessage().contains("no misspellings"), flexible.getMessage());
        WordlistFormatException proximity = assertThrows(WordlistFormatException.class,
                () -> TestLists.matcher("suicide.txt", "5 | !pills <6> tonight\n"));
        assertTrue(proximity.getMessage().contains("proximity"), proximity.getMessage());
    }

    @Test
    void typingAMisspeltTermReportsItAndBackspaceTakesItBack() {
        Feed feed = LISTS.newFeed();
        List<Hit> hits = new java.util.ArrayList<>(TestLists.typeAll(feed, "gonna kill myslef "));
        hits.addAll(feed.finishLine());
        assertEquals(1, hits.size(), "reported once the exception \"kill myself laughing\" can no longer follow");
        assertEquals("myslef", only(hits.get(0).misspellings()).typed());
        feed.clear();
        TestLists.typeAll(feed, "gonna kill myslef");
        for (int i = 0; i < 4; i++) {
            feed.backspace();
        }
        assertEquals(List.of(), TestLists.typeAll(feed, "pa "), "\"kill mypa\" is no misspelling");
    }

    @Test
    void aPhraseGoesOnAsIfTheListedWordHadBeenTyped() {
        Matcher matcher = TestLists.matcher("suicide.txt", "5 | overdose tonight\n");
        Hit hit = only(matcher.scan("gonna take an ovedrose tonight"));
        assertEquals("ovedrose tonight", hit.matchedText());
        assertEquals("overdose", only(hit.misspellings()).word());
        assertEquals(List.of(), matcher.scan("gonna take an ovedrose and sleep tonight"), "the phrase still has to follow");
        Feed feed = matcher.newFeed();
        List<Hit> typed = new ArrayList<>(TestLists.typeAll(feed, "an ovedrose tonight"));
        typed.addAll(feed.finishLine());
        assertEquals("ovedrose tonight", only(typed).matchedText());
    }

    @Test
    void anEnglishIngWordWithItsGDroppedIsNoSlipOfAnotherWord() {
        Matcher matcher = TestLists.matcher("gangs.txt", "4 | shottin\n", "self-harm.txt", "4 | cutting myself\n");
        assertEquals(List.of(), matcher.scan("stop shittin on me"), "\"shittin\" is \"shitting\" as said");
        assertEquals("shottin", only(matcher.scan("out shotin all day")).rule().plainTerm(), "a real slip still reads");
        Hit dropped = only(matcher.scan("been cuttin myself"));
        assertEquals("cutting", only(dropped.misspellings()).word(), "a listed word's own dropped g is still read");
    }

    @Test
    void eachLongWordOfAPhraseMayHaveItsOwnSlipAndTheExplanationNamesBoth() {
        Hit hit = only(LISTS.scan("been starvign mysefl for weeks"));
        assertEquals("starving myself", hit.rule().plainTerm());
        assertEquals("starvign mysefl", hit.matchedText());
        assertEquals(List.of("starving", "myself"), hit.misspellings().stream().map(Misspelling::word).toList());
        assertEquals(List.of(Misspelling.Edit.SWAPPED, Misspelling.Edit.SWAPPED),
                hit.misspellings().stream().map(Misspelling::edit).toList());
        assertTrue(hit.explanation().contains("reading \"starvign\" as a misspelling of \"starving\" (two neighbouring"
                + " letters swapped) and \"mysefl\" as a misspelling of \"myself\""), hit.explanation());
    }

    @Test
    void twoSlipsInOneWordOrASlipInAShortWordAreStillNoMatch() {
        assertEquals(List.of(), LISTS.scan("starvgni myself"), "two slips in one word");
        assertEquals(List.of(), LISTS.scan("kil mysefl"), "\"kil\" is three letters: no slip is read in it");
        assertEquals(List.of(), LISTS.scan("starvign and mysefl"), "the phrase still has to follow word by word");
    }

    @Test
    void anExceptionStillCoversAPhraseReadThroughTwoSlips() {
        Matcher matcher = TestLists.matcher("suicide.txt", "5 | overdose tonight | except: overdose tonight show\n");
        assertEquals("ovedrose tonihgt", only(matcher.scan("an ovedrose tonihgt")).matchedText());
        assertEquals(List.of(), matcher.scan("the ovedrose tonihgt show"), "the exception reads both listed words");
    }

    @Test
    void typingTwoMisspeltWordsReportsThePhraseAndBackspaceTakesTheSecondBack() {
        Feed feed = LISTS.newFeed();
        List<Hit> hits = new ArrayList<>(TestLists.typeAll(feed, "starvign mysefl "));
        hits.addAll(feed.finishLine());
        assertEquals(2, only(hits).misspellings().size());
        feed.clear();
        TestLists.typeAll(feed, "starvign mysefl");
        for (int i = 0; i < 6; i++) {
            feed.backspace();
        }
        List<Hit> retyped = new ArrayList<>(TestLists.typeAll(feed, "mysefl "));
        retyped.addAll(feed.finishLine());
        assertEquals(List.of("starving", "myself"), only(retyped).misspellings().stream().map(Misspelling::word).toList(),
                "the first slip is kept while the second word is typed again");
    }

    @Test
    void theAutomatonIsNotGrownByMisspellings() {
        Matcher on = TestLists.matcher("suicide.txt", "5 | kill myself\n5 | overdose tonight\n4 | overdos*\n");
        Matcher off = TestLists.matcher("suicide.txt", "5 | !kill myself\n5 | !overdose tonight\n4 | !overdos*\n");
        assertEquals(off.states(), on.states(), "the same states with and without misspellings");
        assertTrue(on.misspellings() > 20, "yet the slips are indexed: " + on.misspellings());
        assertEquals(0, off.misspellings());
    }

    @Test
    void aDoubledLastLetterReadsAsTheListedWordUnlessThatMakesAWord() {
        Matcher matcher = TestLists.matcher("bullying.txt", "3 | bitch\n2 | hoe | except: garden hoe\n2 | loser\n",
                "drugs.txt", "2 | =weed\n");
        Hit plural = only(matcher.scan("such bitchess"));
        assertEquals("bitchess", plural.matchedText());
        assertTrue(plural.normalisations().containsAll(Set.of(Normalisation.INFLECTED, Normalisation.STRETCHED)),
                plural.explanation());
        assertEquals("hoee", only(matcher.scan("ur a hoee")).matchedText());
        assertEquals(List.of(), matcher.scan("a garden hoee"), "exceptions still apply");
        assertEquals("loserr", only(matcher.scan("loserr")).matchedText());
        assertEquals(List.of(), matcher.scan("weedd"), "'=' is exactly as written");
        assertEquals(List.of(), matcher.scan("looser"), "a doubled letter inside the word is another word");
        assertEquals(List.of(), TestLists.matcher("bullying.txt", "2 | bas\n").scan("a bass guitar"),
                "\"bass\" is an English word");
    }

    /**
     * src/test/resources/eval/misspellings.tsv: typed dodges with one slip in a long word of a severity 4-5 entry,
     * and innocent lines with the real words those slips sit beside ("overdoes", "parents", "holocaust").
     */
    @Test
    void theDefaultListsReadTheMisspeltLinesAndLeaveTheirRealNeighboursAlone() throws IOException {
        Matcher defaults = Matcher.compile(Wordlist.defaults());
        List<String> wrong = new ArrayList<>();
        int labelled = 0;
        try (InputStream in = getClass().getResourceAsStream("/eval/misspellings.tsv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            for (String line : lines) {
                String[] fields = line.split("\t", 2);
                Set<String> expected = Set.of(fields[0].split("\\|"));
                List<Hit> hits = defaults.scan(fields[1]);
                if (expected.contains("none")) {
                    if (!hits.isEmpty()) {
                        wrong.add("flagged: " + line + " " + hits);
                    }
                    continue;
                }
                labelled++;
                boolean read = hits.stream().anyMatch(h -> expected.contains(h.rule().category()) && !h.misspellings().isEmpty());
                if (!read) {
                    wrong.add("missed: " + line + " " + hits);
                }
            }
        }
        assertTrue(labelled >= 10, "the file has its misspelt lines");
        assertEquals(List.of(), wrong);
    }

    private static void assertMisspelt(String text, Misspelling.Edit edit) {
        Hit hit = only(LISTS.scan(text));
        assertEquals("kill myself", hit.rule().plainTerm(), text);
        assertEquals(edit, only(hit.misspellings()).edit(), text);
        assertEquals("myself", only(hit.misspellings()).word());
    }

    private static <T> T only(List<T> items) {
        assertEquals(1, items.size(), items.toString());
        return items.get(0);
    }

    private static String explanationPart(Hit hit) {
        String explanation = hit.explanation();
        return explanation.substring(explanation.indexOf("matched ") + 8, explanation.indexOf(", "));
    }
}
