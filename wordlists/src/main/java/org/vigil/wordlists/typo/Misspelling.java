package org.vigil.wordlists.typo;

/**
 * A word of a listed entry typed with one slip, which the compiler adds as a form of the entry (docs/adr/0164).
 *
 * @param typed the word as mistyped, lower case ("myslef")
 * @param word  the listed word it stands for ("myself")
 * @param edit  the slip
 */
public record Misspelling(String typed, String word, Edit edit) {

    /** The one slip between a listed word and its misspelling. */
    public enum Edit {
        DROPPED("a letter left out"),
        DOUBLED("a letter doubled"),
        SWAPPED("two neighbouring letters swapped"),
        NEIGHBOUR_KEY("a neighbouring key hit");

        private final String description;

        Edit(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** In the words of an explanation: {@code "myslef" as a misspelling of "myself" (two neighbouring letters swapped)}. */
    public String describe() {
        return "\"" + typed + "\" as a misspelling of \"" + word + "\" (" + edit.description() + ")";
    }
}
