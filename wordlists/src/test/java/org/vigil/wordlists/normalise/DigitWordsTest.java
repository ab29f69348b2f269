package org.vigil.wordlists.normalise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DigitWordsTest {
    @Test
    void aNumberForAWordMayBeSpacedOrJoinedOnEitherSide() {
        assertEquals(List.of("want 2 die", "want 2die", "want2 die", "want2die"), DigitWords.of("want to die"));
    }

    @Test
    void tonightAndForHaveTheirTextSpeakForms() {
        List<String> forms = DigitWords.of("do it tonight");
        assertTrue(forms.containsAll(List.of("do it 2nite", "do it2nite", "do it 2night")), forms.toString());
        assertTrue(DigitWords.of("looking for a knife").contains("looking 4 a knife"));
    }

    @Test
    void aPhraseWithoutSuchWordsHasNoOtherForms() {
        assertEquals(List.of(), DigitWords.of("kill myself"));
    }
}
