package org.vigil.console.reports;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * A count as a reader may see it. For readers who see only aggregates (VIEWERs) a count of 1 or 2 is hidden
 * ("&lt;3": small numbers identify children); a sum that includes hidden counts is shown as a lower bound ("≥ 14")
 * made of what is shown plus one per hidden count, so no total gives a hidden count away by subtraction.
 */
public record Tally(long shown, int hidden) {
    /** Counts below this are hidden from VIEWERs. */
    public static final int SMALLEST_SHOWN = 3;
    public static final Tally ZERO = new Tally(0, 0);

    /** One cell: hidden when it is 1 or 2 and the reader sees aggregates only. */
    public static Tally of(long count, boolean suppressSmall) {
        if (suppressSmall && count > 0 && count < SMALLEST_SHOWN) {
            return new Tally(0, 1);
        }
        return new Tally(count, 0);
    }

    public Tally plus(Tally other) {
        return new Tally(shown + other.shown, hidden + other.hidden);
    }

    public boolean exact() {
        return hidden == 0;
    }

    /** What a chart may draw: hidden counts count as nothing. */
    public long chartValue() {
        return shown;
    }

    /** "12", "&lt;3" or "≥ 14" (numbers with thousands separators). */
    public String text() {
        if (hidden == 0) {
            return NumberFormat.getIntegerInstance(Locale.UK).format(shown);
        }
        if (shown == 0 && hidden == 1) {
            return "<" + SMALLEST_SHOWN;
        }
        return "\u2265 " + NumberFormat.getIntegerInstance(Locale.UK).format(shown + hidden);
    }

    /** As {@link #text} with "≥" spelled out, for fonts and CSV readers without it. */
    public String plainText() {
        return text().replace("\u2265 ", "at least ");
    }

    /** For a spreadsheet: the bare number when exact, else "<3" or "at least 14". */
    public String csv() {
        return hidden == 0 ? String.valueOf(shown) : plainText().replace(",", "");
    }
}
