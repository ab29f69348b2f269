package org.vigil.wordlists.inflect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class InflectionsTest {
    @Test
    void pluralPossessiveAndVerbEndingsFollowEnglishSpelling() {
        assertEquals(List.of("slags", "slaged", "slaging", "slagged", "slagging"), Inflections.of("slag"));
        assertEquals(List.of("bitches", "bitched", "bitching"), Inflections.of("bitch"));
        assertEquals(List.of("nooses", "noosed", "noosing"), Inflections.of("noose"));
        assertEquals(List.of("pansies", "pansied", "pansying"), Inflections.of("pansy"));
        assertEquals(List.of("stabs", "stabed", "stabing", "stabbed", "stabbing"), Inflections.of("stab"));
    }

    @Test
    void onlyPlainWordsOfThreeOrMoreLettersAreInflected() {
        assertEquals(List.of(), Inflections.of("ok"));
        assertEquals(List.of(), Inflections.of("ak47"));
        assertEquals(List.of(), Inflections.of("she-male"));
    }
}
