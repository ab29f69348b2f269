package org.vigil.console.proposals;

/**
 * What a capture says about its hit, as far as working out an exception needs: the category and matched text the
 * agent reported, the words around the hit and the hit's offsets in them.
 */
public record CapturedMatch(String category, int severity, String matchedText, String context, int matchStart,
                            int matchEnd) {
}
