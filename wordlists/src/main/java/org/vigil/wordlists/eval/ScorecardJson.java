package org.vigil.wordlists.eval;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A {@link Scorecard} as one JSON object, for scripts that put Vigil beside another tool (wordlists/eval/): the
 * totals, the per-category counts and, when asked, the missed and wrongly flagged lines.
 */
public final class ScorecardJson {

    private ScorecardJson() {
    }

    public static String of(String corpus, Scorecard card, boolean withLines) {
        StringBuilder json = new StringBuilder("{");
        json.append("\"corpus\":").append(string(corpus));
        json.append(",\"scoring\":").append(string(card.binary() ? "binary" : "category"));
        json.append(",\"lines\":").append(card.lines());
        json.append(",\"labelled\":").append(card.labelled());
        json.append(",\"detected\":").append(card.detected());
        json.append(",\"falsePositives\":").append(card.falsePositiveCount());
        json.append(",\"precision\":").append(number(card.precision()));
        json.append(",\"recall\":").append(number(card.recall()));
        json.append(",\"categories\":{");
        String comma = "";
        for (Map.Entry<String, Scorecard.CategoryScore> entry : new TreeMap<>(card.categories()).entrySet()) {
            Scorecard.CategoryScore s = entry.getValue();
            json.append(comma).append(string(entry.getKey())).append(":{\"lines\":").append(s.lines())
                    .append(",\"found\":").append(s.found()).append(",\"flagged\":").append(s.flagged())
                    .append(",\"precision\":").append(number(s.precision()))
                    .append(",\"recall\":").append(number(s.recall())).append('}');
            comma = ",";
        }
        json.append('}');
        if (withLines) {
            json.append(",\"missed\":");
            outcomes(json, card.misses());
            json.append(",\"wronglyFlagged\":");
            outcomes(json, card.falsePositives());
        }
        return json.append('}').toString();
    }

    private static void outcomes(StringBuilder json, Collection<Scorecard.Outcome> outcomes) {
        json.append('[');
        String comma = "";
        for (Scorecard.Outcome o : outcomes) {
            json.append(comma).append("{\"line\":").append(o.example().line())
                    .append(",\"expected\":").append(strings(new TreeSet<>(o.example().expected())))
                    .append(",\"found\":").append(strings(o.found()))
                    .append(",\"text\":").append(string(o.example().text())).append('}');
            comma = ",";
        }
        json.append(']');
    }

    private static String strings(Collection<String> values) {
        StringBuilder out = new StringBuilder("[");
        String comma = "";
        for (String value : values) {
            out.append(comma).append(string(value));
            comma = ",";
        }
        return out.append(']').toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    static String string(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
