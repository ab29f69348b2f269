package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        List<String> terms = new ArrayList<>(new TreeSet<>(randomWords(random, 3000, 1)));
        StringBuilder list = new StringBuilder();
        // "=": exactly as listed, no plural or verb endings, which plain Aho-Corasick would not find
        terms.forEach(term -> list.append("3 | =").append(term).append('\n'));
        Matcher matcher = TestLists.matcher("violence-weapons.txt", list.toString());
        Trie trie = Trie.builder().addKeywords(terms).onlyWholeWords().build();
        for (int round = 0; round < 50; round++) {
            String text = String.join(" ", randomWords(random, 400, 2));
            List<String> expected = trie.parseText(text).stream()
                    .map((Emit e) -> e.getStart() + ":" + e.getKeyword()).sorted().toList();
            List<String> actual = matcher.scan(text).stream()
                    .map(h -> h.start() + ":" + h.rule().plainTerm()).sorted().toList();
            assertEquals(expected, actual);
        }
    }

    /** Words from a small alphabet without doubled letters, so that many collide and none is stretched. */
    private static List<String> randomWords(Random random, int count, int shortest) {
        String alphabet = "abcdeghkmnrtuw";
        List<String> words = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            StringBuilder word = new StringBuilder();
            int length = shortest + random.nextInt(5 - shortest);
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
