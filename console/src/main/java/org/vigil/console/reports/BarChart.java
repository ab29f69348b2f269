package org.vigil.console.reports;

import java.util.List;

/**
 * A chart as shapes, in a box {@code width} by {@code height} with y growing downwards (as in SVG): the web page
 * draws it as inline SVG and the PDF draws the same shapes, so both show the same chart. Colours are indices into
 * {@link ChartColours}; the page maps them to CSS classes (the CSP allows no inline style).
 */
public record BarChart(String id, String title, double width, double height, List<Bar> bars, List<Label> labels,
                       List<Rule> rules, List<Key> key) {

    /** A coordinate as SVG writes it: one decimal, a point whatever the locale. */
    public static String n(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    /** A filled rectangle, with what it shows (the tooltip and the text a screen reader may reach). */
    public record Bar(double x, double y, double w, double h, int colour, String title) {
        public String cssClass() {
            return "c-" + colour;
        }
    }

    /** Text anchored at a point: "start", "middle" or "end". */
    public record Label(double x, double y, String text, String anchor) {
    }

    /** A thin line: an axis or a gridline. */
    public record Rule(double x1, double y1, double x2, double y2) {
    }

    /** A legend entry. */
    public record Key(int colour, String text) {
        public String cssClass() {
            return "c-" + colour;
        }
    }
}
