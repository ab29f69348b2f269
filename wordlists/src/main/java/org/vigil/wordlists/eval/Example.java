package org.vigil.wordlists.eval;

import java.util.Set;

/**
 * One labelled line of an evaluation corpus.
 *
 * @param line     its line number in the file
 * @param expected the category ids it should be flagged with; empty for {@code none}
 * @param text     the text as a pupil typed it
 */
public record Example(int line, Set<String> expected, String text) {

    public Example {
        expected = Set.copyOf(expected);
    }
}
