package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GroupOverridesTest {
    private static final String GAMBLING = "# gambling\n3 | lucky spin\n4 | chasing losses\n";
    private static final String BULLYING = "2 | loser\n3 | nobody likes you\n5 | kill yourself\n";

    private static WordlistBundle school(String groupFile) {
        return WordlistBundle.of(Map.of("gambling.txt", GAMBLING, "bullying.txt", BULLYING,
                "groups/ks1.txt", groupFile));
    }

    private static List<Hit> hits(WordlistBundle bundle, String text) {
        return Matcher.compile(bundle.wordlist()).scan(text);
    }

    private static List<Hit> hitsForKs1(String groupFile, String text) {
        return hits(school(groupFile).forGroup(Optional.of("ks1")), text);
    }

    @Test
    void aDeviceOutsideEveryGroupGetsTheCategoryFilesUnchanged() {
        WordlistBundle bundle = school("off gambling\n");
        WordlistBundle outside = bundle.forGroup(Optional.empty());
        assertEquals(Map.of("bullying.txt", BULLYING, "gambling.txt", GAMBLING), outside.files());
        assertEquals(outside.version(), bundle.forGroup(Optional.of("ks2")).version(), "a group with no file");
        assertEquals(1, hits(bundle, "one lucky spin").size(), "group files are not lists of their own");
    }

    @Test
    void aGroupThatChangesNothingRunsTheSameVersionAsDevicesInNoGroup() {
        WordlistBundle bundle = WordlistBundle.defaults().with("groups/ks1.txt", "# KS1\nseverity bullying +0\n");
        assertEquals(WordlistBundle.defaults().version(), bundle.forGroup(Optional.of("ks1")).version());
    }

    @Test
    void aCategorySwitchedOffMatchesNothingForThatGroupOnly() {
        assertEquals(List.of(), hitsForKs1("off gambling\n", "one lucky spin"));
        assertEquals(1, hitsForKs1("off gambling\n", "you loser").size());
        assertEquals(1, hits(school("off gambling\n"), "one lucky spin").size());
    }

    @Test
    void oneTermSwitchedOffLeavesTheRestOfItsCategory() {
        String group = "off gambling | lucky spin\n";
        assertEquals(List.of(), hitsForKs1(group, "one lucky spin"));
        assertEquals(1, hitsForKs1(group, "chasing losses").size());
    }

    @Test
    void severityMovesWithinOneToFiveAndRulesKeepTheirLineNumbers() {
        List<Hit> raised = hitsForKs1("severity bullying +1\n", "you loser, kill yourself");
        assertEquals(List.of(3, 5), raised.stream().map(hit -> hit.rule().severity()).toList());
        assertEquals(List.of("bullying.txt:1", "bullying.txt:3"), raised.stream().map(hit -> hit.rule().id()).toList());
        assertEquals(1, hitsForKs1("severity bullying =1\n", "kill yourself").get(0).rule().severity());
        assertEquals(1, hitsForKs1("severity bullying -4\n", "loser").get(0).rule().severity());
    }

    @Test
    void theGroupsOwnTermsMatchAndReplaceTheListsEntryForTheSameTerm() {
        String group = "add gambling | 2 | loot box*\nadd gambling | 1 | lucky spin\nadd gaming | 2 | rage quit\n";
        assertEquals("loot box", hitsForKs1(group, "three loot boxes").get(0).rule().term());
        List<Hit> replaced = hitsForKs1(group, "one lucky spin");
        assertEquals(1, replaced.size(), "the list's own entry is out");
        assertEquals(1, replaced.get(0).rule().severity());
        assertEquals("gaming", hitsForKs1(group, "i rage quit").get(0).rule().category(), "a category of its own");
    }

    @Test
    void aCategorySwitchedOffKeepsTheGroupsOwnTermsInIt() {
        String group = "off gambling\nadd gambling | 4 | betting app\n";
        assertEquals(List.of(), hitsForKs1(group, "one lucky spin"));
        assertEquals(1, hitsForKs1(group, "my betting app").size());
    }

    @Test
    void aBadLineIsRefusedWithTheGroupFileAndLine() {
        assertRefused("# fine\noff gamblin\n", "groups/ks1.txt:2: there is no category \"gamblin\"");
        assertRefused("off gambling | jackpot\n", "groups/ks1.txt:1: \"jackpot\" is not a term in gambling");
        assertRefused("\n\nadd gambling | 9 | jackpot\n", "groups/ks1.txt:3: severity must be a number from 1 to 5");
        assertRefused("severity bullying =7\n", "groups/ks1.txt:1: a severity is a number from 1 to 5");
        assertRefused("switch off gambling\n", "groups/ks1.txt:1: expected 'off CATEGORY'");
        assertRefused("add gambling | 2 | jackpot\nadd gambling | 3 | jackpot\n",
                "groups/ks1.txt:2: \"jackpot\" is already added on line 1");
    }

    @Test
    void onlyGroupFilesMaySitInAFolder() {
        WordlistBundle stray = WordlistBundle.of(Map.of("gambling.txt", GAMBLING, "notes/readme.txt", "hello"));
        WordlistFormatException refused = assertThrows(WordlistFormatException.class, stray::wordlist);
        assertTrue(refused.getMessage().startsWith("notes/readme.txt:0: only group files"), refused.getMessage());
        assertEquals(List.of("ks1"), List.copyOf(school("").groups()));
    }

    private static void assertRefused(String groupFile, String message) {
        WordlistFormatException refused = assertThrows(WordlistFormatException.class,
                () -> school(groupFile).forGroup(Optional.of("ks1")));
        assertTrue(refused.getMessage().startsWith(message), refused.getMessage());
    }
}
