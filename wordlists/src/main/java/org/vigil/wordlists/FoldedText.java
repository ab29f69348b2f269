package org.vigil.wordlists;

/**
 * A stretch of typed text in the word track's form (folded, separators squeezed, repeated letters collapsed), with
 * each folded char's span in the original text so a position found here maps back exactly.
 *
 * @param chars  the folded text
 * @param starts for each folded char, the index in the original text of its first char
 * @param ends   for each folded char, the index just past its last char
 */
public record FoldedText(String chars, int[] starts, int[] ends) {

    public static FoldedText of(CharSequence text) {
        return of(text, 0, text.length());
    }

    static FoldedText of(CharSequence text, int from, int to) {
        return new FoldBuffer().fold(text, from, to).toFoldedText();
    }
}
