package org.vigil.console.reports;

import java.util.List;
import org.vigil.console.triage.KnownCategories;

/**
 * The charts' colours: one per monitoring category, then "other", "a year earlier" and "one series". The CSS
 * ({@code .c-N} in vigil.css) and the PDF use the same values; they stay distinct when printed in grey.
 */
public final class ChartColours {
    static final String[] RGB = {
        "1f77b4", "ff7f0e", "2ca02c", "d62728", "9467bd", "8c564b", "e377c2", "7f7f7f", "bcbd22", "17becf",
        "393b79", "637939", "b0b0b0", "2b6cb0"};
    public static final int OTHER = 11;
    public static final int YEAR_EARLIER = 12;
    public static final int SERIES = 13;

    private ChartColours() {
    }

    static int ofCategory(String category) {
        int i = KnownCategories.IDS.indexOf(category);
        return i >= 0 ? i : OTHER;
    }

    /** The colour as red, green and blue in 0-255. */
    public static int[] rgb(int colour) {
        String hex = RGB[colour];
        return new int[] {Integer.parseInt(hex.substring(0, 2), 16), Integer.parseInt(hex.substring(2, 4), 16),
                Integer.parseInt(hex.substring(4, 6), 16)};
    }

    static List<String> all() {
        return List.of(RGB);
    }
}
