package org.vigil.console.reports;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * A count as a reader may see it (ADR 0155). DSLs see every count exactly. For readers who see only aggregates
 * (VIEWERs) a count of 1 or 2 is hidden ("&lt;3": small numbers identify children) and every other count, cell or
 * total alike, is rounded to the nearest 5 from its own exact value: no figure on a page, in the CSV or in the PDF is
 * exact, so a hidden count cannot be worked out by subtracting the other cells of a row, a column or another table
 * from a total (each figure is only known to within 2 either way).
 *
 * <p>The exact count stays inside: only {@link #text}, {@link #csv} and {@link #chartValue} leave the server.
 */
public record Tally(long count, boolean protectedFromViewers) {
    /** Counts below this are hidden from VIEWERs. */
    public static final int SMALLEST_SHOWN = 3;
    /** VIEWERs see counts rounded to a multiple of this. */
    public static final int ROUNDED_TO = 5;
    public static final Tally ZERO = new Tally(0, false);

    /** One count: hidden when 1 or 2, otherwise rounded, when the reader sees aggregates only. */
    public static Tally of(long count, boolean protect) {
        return new Tally(count, protect);
    }

    /** The sum, rounded (if at all) from the exact sum, never summed from rounded parts. */
    public Tally plus(Tally other) {
        return new Tally(count + other.count, protectedFromViewers || other.protectedFromViewers);
    }

    /** Whether the count is hidden ("&lt;3"). */
    public boolean hidden() {
        return protectedFromViewers && count > 0 && count < SMALLEST_SHOWN;
    }

    /** Whether the reader sees the count as it is. */
    public boolean exact() {
        return !protectedFromViewers;
    }

    /** The number shown: the count, or for VIEWERs nothing when hidden and the nearest multiple of 5 otherwise. */
    public long shown() {
        if (!protectedFromViewers) {
            return count;
        }
        if (hidden()) {
            return 0;
        }
        return (count + ROUNDED_TO / 2) / ROUNDED_TO * ROUNDED_TO;
    }

    /** What a chart may draw: hidden counts count as nothing, rounded ones as rounded. */
    public long chartValue() {
        return shown();
    }

    /** "12", or for VIEWERs "&lt;3" or "15" (numbers with thousands separators). */
    public String text() {
        if (hidden()) {
            return "<" + SMALLEST_SHOWN;
        }
        return NumberFormat.getIntegerInstance(Locale.UK).format(shown());
    }

    /** As {@link #text}: kept for the PDF, whose fonts show every character {@link #text} uses. */
    public String plainText() {
        return text();
    }

    /** For a spreadsheet: the bare number, or "&lt;3". */
    public String csv() {
        return hidden() ? "<" + SMALLEST_SHOWN : String.valueOf(shown());
    }
}
