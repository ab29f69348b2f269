package org.vigil.console.terms;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** What makes a phrase usable as an exception, beyond what the parser checks. */
public final class ExceptionPhrases {
    private static final Pattern SPACES = Pattern.compile("\\s+");
    /**
     * Words that say nothing about whether a match is innocent. An exception that adds only these ("i cut myself",
     * "cut myself on", "cut myself again") would silence real disclosures too, so it is never proposed or accepted.
     */
    private static final Set<String> FUNCTION_WORDS = Set.of(
            "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
            "because", "been", "before", "being", "but", "by", "can", "cant", "can't", "could", "did", "do", "does",
            "doing", "dont", "don't", "down", "even", "ever", "for", "from", "get", "got", "had", "has", "have",
            "he", "her", "here", "him", "his", "how", "i", "if", "im", "i'm", "i've", "ive", "in", "into", "is",
            "it", "its", "it's", "just", "like", "lol", "me", "more", "my", "myself", "no", "not", "now", "of",
            "off", "ok", "on", "once", "only", "or", "our", "out", "over", "really", "she", "should", "so", "some",
            "still", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "too",
            "u", "up", "ur", "very", "was", "we", "were", "what", "when", "where", "which", "who", "why", "will",
            "with", "would", "you", "your");

    private ExceptionPhrases() {
    }

    /** Lower case, single spaces: the form the parser keeps exceptions in. */
    public static String canonical(String phrase) {
        return SPACES.matcher(phrase.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** Whether the (canonical) phrase can sit in an {@code except:} list without ending it or the line. */
    public static boolean fitsOnALine(String phrase) {
        return phrase.chars().noneMatch(c -> c == '|' || c == ';' || Character.isISOControl(c));
    }

    /** Whether a word (lower case) tells nothing on its own: "the", "i", "again". */
    public static boolean isFunctionWord(String word) {
        return FUNCTION_WORDS.contains(word.toLowerCase(Locale.ROOT).replace('\u2019', '\''));
    }
}
