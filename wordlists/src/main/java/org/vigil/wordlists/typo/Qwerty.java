package org.vigil.wordlists.typo;

/** Neighbouring letter keys on a QWERTY keyboard (UK and US alike for letters): the keys a finger slips onto sideways. */
final class Qwerty {
    private static final String[] ROWS = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
    /**
     * The keys either side on the same row. The keys touching diagonally (the rows are staggered) would double the
     * misspelt forms and the memory they take, past what an agent on a 64 MB heap can hold while it swaps a policy
     * (docs/adr/0164); a finger slips sideways more often than up or down.
     */
    private static final int[][] TOUCHING = {{0, -1}, {0, 1}};

    private Qwerty() {
    }

    /** The letters on keys touching {@code letter}'s, or "" for a char that is not a-z. */
    static String neighbours(char letter) {
        for (int row = 0; row < ROWS.length; row++) {
            int at = ROWS[row].indexOf(letter);
            if (at < 0) {
                continue;
            }
            StringBuilder near = new StringBuilder(6);
            for (int[] step : TOUCHING) {
                int r = row + step[0];
                int i = at + step[1];
                if (r >= 0 && r < ROWS.length && i >= 0 && i < ROWS[r].length()) {
                    near.append(ROWS[r].charAt(i));
                }
            }
            return near.toString();
        }
        return "";
    }
}
