package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;
import org.junit.jupiter.api.Test;

/**
 * On plain text (lower-case words of two letters or more, single spaces, no dodges: single letters would read as
 * spaced-out dodges) the matcher must find exactly the whole-word
 * occurrences that plain org.ahocorasick finds: the DFA is Aho-Corasick, and folding must change nothing there.
 */
class AhoCorasickAgreementTest {

    @Test
    void findsTheSameWholeWordOccurrencesAsPlainAhoCorasick() {
        Random random = new Random(42);
        List<String> terms = new ArrayList<>(new TreeSet<>(randomWords(random, 3000, 1, 4)));
        Matcher matcher = agreesOnRandomText(random, terms, 4, 50);
        assertTrue(matcher.states() < 65_536, "small enough for char rows");
    }

    /** A track of more states than a char can name keeps int rows (docs/adr/0209); it must find the same. */
    @Test
    void findsTheSameWithMoreStatesThanCharRowsHold() {
        Random random = new Random(7);
        List<String> terms = new ArrayList<>(new TreeSet<>(randomWords(random, 16_000, 5, 9)));
        Matcher matcher = agreesOnRandomText(random, terms, 9, 10);
        assertTrue(matcher.states() > 2 * 65_536, "more states than char rows can name");
    }

    private static Matcher agreesOnRandomText(Random random, List<String> terms, int longest, int rounds) {
        StringBuilder list = new StringBuilder();
        // "=": exactly as listed, no plural or verb endings, which plain Aho-Corasick would not find
        terms.forEach(term -> list.append("3 | =").append(term).append('\n'));
        Matcher matcher = TestLists.matcher("violence-weapons.txt", list.toString());
        Trie trie = Trie.builder().addKeywords(terms).onlyWholeWords().build();
        for (int round = 0; round < rounds; round++) {
            List<String> words = randomWords(random, 400, 2, longest);
            for (int w = 0; w < words.size(); w += 5) {
                words.set(w, terms.get(random.nextInt(terms.size())));
            }
            String text = String.join(" ", words);
            List<String> expected = trie.parseText(text).stream()
                    .map((Emit e) -> e.getStart() + ":" + e.getKeyword()).sorted().toList();
            List<String> actual = matcher.scan(text).stream()
                    .map(h -> h.start() + ":" + h.rule().plainTerm()).sorted().toList();
            assertEquals(expected, actual);
        }
        return matcher;
    }

    /** Words from a small alphabet without doubled letters, so that many collide and none is stretched. */
    private static List<String> randomWords(Random random, int count, int shortest, int longest) {
        String alphabet = "abcdeghkmnrtuw";
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder word = new StringBuilder();
            int length = shortest + random.nextInt(longest + 1 - shortest);
            while (word.length() < length) {
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                if (word.isEmpty() || word.charAt(word.length() - 1) != c) {
                    word.append(c);
                }
            }
            words.add(word.toString());
        }
        return words;
    }
}
