package org.vigil.wordlists;

/** A way the typed text differed from a term, which the matcher undid to find the hit. Shown in explanations. */
public enum Normalisation {
    CASE("upper case"),
    COMPATIBILITY("compatibility forms (full-width, circled, styled or ligature letters)"),
    DIACRITICS("accents or other marks"),
    LOOKALIKE("look-alike letters from another script"),
    LEETSPEAK("digits or symbols for letters"),
    STRETCHED("letters stretched by repetition"),
    SPACED("separators between single letters"),
    JOINED("a phrase written with other or no spacing"),
    MASKED("symbols inside a word for letters"),
    DIGIT_WORDS("numbers for words (2 for to, 4 for for)"),
    INFLECTED("a plural, possessive or verb ending of the listed word"),
    MISSPELLED("a misspelling (one letter left out, doubled, swapped or a neighbouring key)");

    private final String description;

    Normalisation(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
