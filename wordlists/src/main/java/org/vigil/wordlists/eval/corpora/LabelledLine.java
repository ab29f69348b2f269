package org.vigil.wordlists.eval.corpora;

/**
 * One line of a public data set after its labels were mapped: {@code expected} is a category id or {@code none}.
 *
 * @param sourceLine where the record starts in the data set's file
 */
record LabelledLine(int sourceLine, String expected, String text) {
}
