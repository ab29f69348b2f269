package org.vigil.console.alerts.rules;

import java.time.format.TextStyle;
import java.util.Locale;

/** A rota band in words, for the page and the audit log: "Friday 18:00 to Saturday 08:00: alice (deputy 1)". */
public final class RotaWords {
    private RotaWords() {
    }

    public static String describe(WeeklyBand band, int position, String username) {
        return band(band) + ": " + username + " (" + role(position) + ")";
    }

    public static String band(WeeklyBand band) {
        String day = band.day().getDisplayName(TextStyle.FULL, Locale.UK);
        String until = band.crossesMidnight()
                ? band.day().plus(1).getDisplayName(TextStyle.FULL, Locale.UK) + " " + band.ends()
                : band.ends().toString();
        return day + " " + band.starts() + " to " + until;
    }

    public static String role(int position) {
        return position <= 1 ? "first on" : "deputy " + (position - 1);
    }
}
