package org.vigil.wordlists;

/** How a term must sit in the text to count. */
public enum MatchMode {
    /** The term with a non-letter, non-digit (or the line's edge) on both sides. The default. */
    WHOLE_WORD,
    /** Written {@code suicid*}: the term at the start of a word, anything after it ("suicidal", "suicide"). */
    WORD_PREFIX,
    /**
     * Written {@code self~harm}: whole words, with any spacing or none between them ("self harm", "selfharm",
     * "self-harm", "self _ harm").
     */
    FLEXIBLE_PHRASE
}
