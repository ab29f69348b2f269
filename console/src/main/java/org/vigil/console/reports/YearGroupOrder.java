package org.vigil.console.reports;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Year groups in school order: "Year 7" before "Year 10" (by the number in them), then by name. */
final class YearGroupOrder {
    private static final Pattern NUMBER = Pattern.compile("(\\d{1,9})");

    private YearGroupOrder() {
    }

    static int compare(String a, String b) {
        Matcher ma = NUMBER.matcher(a);
        Matcher mb = NUMBER.matcher(b);
        if (ma.find() && mb.find()) {
            int byNumber = Long.compare(Long.parseLong(ma.group(1)), Long.parseLong(mb.group(1)));
            if (byNumber != 0) {
                return byNumber;
            }
        }
        return a.compareTo(b);
    }
}
