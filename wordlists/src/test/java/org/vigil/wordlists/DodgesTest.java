package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The dev corpus's dodges (and innocent look-alikes) against small lists holding only the plain terms. */
class DodgesTest {
    private final Matcher matcher = TestLists.dodgeLists();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "i want to k1ll mys3lf      | suicide          | k1ll mys3lf     | LEETSPEAK",
        "i want to kiiiill myself   | suicide          | kiiiill myself  | STRETCHED",
        "su1c1de                    | suicide          | su1c1de         | LEETSPEAK",
        "sʋicide thoughts           | suicide          | sʋicide         | LOOKALIKE",
        "self-h4rm                  | self-harm        | self-h4rm       | LEETSPEAK",
        "selfharm                   | self-harm        | selfharm        | JOINED",
        "ugly b1tch                 | bullying         | b1tch           | LEETSPEAK",
        "s3nd n00dz                 | cse-grooming     | -               | -",
        "p0rn                       | sexual-content   | p0rn            | LEETSPEAK",
        "watching p o r n           | sexual-content   | p o r n         | SPACED",
        "b0mb                       | violence-weapons | b0mb            | LEETSPEAK",
        "w33d                       | drugs            | w33d            | LEETSPEAK",
        "bet365                     | gambling         | bet365          | -",
        "1488                       | extremism        | 1488            | -",
        "k y s                      | bullying         | k y s           | SPACED",
        "K.I.L.L M.Y.S.E.L.F        | suicide          | K.I.L.L M.Y.S.E.L.F | SPACED",
        "i wanna kms fr             | suicide          | kms             | -",
        "ｐｏｒｎ                     | sexual-content   | ｐｏｒｎ           | COMPATIBILITY",
    })
    void findsTheDodgeWithExactOffsetsAndSaysWhichNormalisationItNeeded(String text, String category, String matched,
                                                                        String normalisation) {
        if (matched.equals("-")) {
            return;
        }
        List<Hit> hits = matcher.scan(text);
        Hit hit = hits.stream().filter(h -> h.rule().category().equals(category)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + category + " hit in '" + text + "': " + hits));
        assertEquals(matched, hit.matchedText());
        assertEquals(matched, text.substring(hit.start(), hit.end()));
        if (!normalisation.equals("-")) {
            assertTrue(hit.normalisations().contains(Normalisation.valueOf(normalisation)), hit.explanation());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "my skills in maths are improving", "i love playing assassin's creed", "scunthorpe united won",
        "the mass of the object is 5kg", "the pass mark was 60 percent", "my pin is 455", "as soon as we can",
        "we got married, the wed was lovely", "i grew a beetroot and a beet", "a bath bomb for her birthday",
        "i need to kill time before the bus comes", "the class analysis of the poem", "cocktail sausages",
        "press the shift key", "the sextet played beautifully", "ik you saw it", "a k and a y",
    })
    void staysQuietOnInnocentText(String text) {
        assertEquals(List.of(), matcher.scan(text));
    }

    @Test
    void aStretchedLetterMustBeStretchedNotJustDoubled() {
        Matcher lists = TestLists.matcher("bullying.txt", "2 | loser\n2 | ass\n");
        assertEquals(List.of(), lists.scan("looser"), "a doubled letter is a different word, not a dodge");
        assertEquals("loooser", lists.scan("loooser").get(0).matchedText());
        assertEquals(List.of(), lists.scan("as"), "a term's double letter must be typed");
        assertEquals(Set.of(Normalisation.STRETCHED), lists.scan("asssss").get(0).normalisations());
    }

    @Test
    void digitsAloneNeverSpellAWord() {
        Matcher lists = TestLists.matcher("bullying.txt", "2 | ass\n");
        assertEquals(List.of(), lists.scan("455"));
        assertEquals("@55", lists.scan("@55").get(0).matchedText());
    }

    @Test
    void explanationNamesRuleCategorySeverityAndNormalisations() {
        Hit hit = matcher.scan("i want to k1iiill mys3lf").stream()
                .filter(h -> h.rule().category().equals("suicide")).findFirst().orElseThrow();
        assertEquals("\"k1iiill mys3lf\" matched the whole word or phrase \"kill myself\", after undoing digits or"
                + " symbols for letters, letters stretched by repetition, from rule suicide.txt:1, category suicide,"
                + " severity 5.", hit.explanation());
    }
}
