package org.vigil.wordlists.typo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The English words a misspelling must never be: 75,000 words of Debian's wbritish and wamerican (SCOWL size 50,
 * licence in {@code english-words.LICENSE}; rebuilt by wordlists/scripts/english-words.sh). The list is read in one
 * pass when a wordlist compiles and not kept, so the agent's heap holds only the candidates being checked.
 */
public final class EnglishWords {
    private static final String RESOURCE = "english-words.txt.gz";

    private EnglishWords() {
    }

    /**
     * Which of the candidates are English: {@code words} that are words, and {@code prefixes} that begin one
     * (a misspelt word prefix such as "overdo" of "overdos*" would match "overdone").
     */
    public static Set<String> among(Set<String> words, Set<String> prefixes) {
        Set<String> real = new HashSet<>();
        if (words.isEmpty() && prefixes.isEmpty()) {
            return real;
        }
        int shortestPrefix = prefixes.stream().mapToInt(String::length).min().orElse(Integer.MAX_VALUE);
        try (InputStream in = EnglishWords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the English word list " + RESOURCE + " is missing from the jar");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
                    StandardCharsets.US_ASCII));
            String word;
            while ((word = lines.readLine()) != null) {
                if (words.contains(word)) {
                    real.add(word);
                }
                for (int k = shortestPrefix; k <= word.length(); k++) {
                    String start = word.substring(0, k);
                    if (prefixes.contains(start)) {
                        real.add(start);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the English word list could not be read", e);
        }
        return real;
    }
}
