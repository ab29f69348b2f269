package org.vigil.wordlists.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The benchmark's made-up text and vocabulary, from one seeded generator: {@link MatcherBench} and {@link HitDiff}
 * draw from it in the same order, so both see the same 8 MB of text.
 */
final class BenchText {
    static final int TEXT_CHARS = 8 * 1024 * 1024;
    /** Words drawn for the benchmark's synthetic list before the default list's text is made. */
    static final int SYNTHETIC_DRAW = 100_000;

    private final Random random = new Random(2026);

    List<String> words(int count, int shortest, int longest) {
        String consonants = "bcdfghjklmnprstvwyz";
        String vowels = "aeiou";
        List<String> words = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = shortest + random.nextInt(longest - shortest + 1);
            StringBuilder word = new StringBuilder(length);
            while (word.length() < length) {
                String from = word.length() % 2 == 0 ? consonants : vowels;
                word.append(from.charAt(random.nextInt(from.length())));
            }
            words.add(word.toString());
        }
        return words;
    }

    /** Typing-like text: vocabulary words, one list term in fifty, sentences ending in '.'. */
    String text(List<String> vocabulary, List<String> terms, int chars) {
        StringBuilder text = new StringBuilder(chars + 64);
        int inSentence = 0;
        while (text.length() < chars) {
            String word = random.nextInt(50) == 0 ? terms.get(random.nextInt(terms.size()))
                    : vocabulary.get(random.nextInt(vocabulary.size()));
            text.append(word);
            if (++inSentence > 12 && random.nextInt(4) == 0) {
                text.append(". ");
                inSentence = 0;
            } else {
                text.append(' ');
            }
        }
        return text.toString();
    }

    /** The default lists' row of the benchmark: the same vocabulary and text {@link MatcherBench} measures. */
    static String defaultListsText(List<String> terms) {
        BenchText generator = new BenchText();
        List<String> vocabulary = generator.words(4000, 2, 9);
        generator.words(SYNTHETIC_DRAW, 4, 12);
        return generator.text(vocabulary, terms, TEXT_CHARS);
    }
}
