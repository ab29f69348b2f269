package org.vigil.proto;

/** Text made to fit a limit in {@link WireNames} before it is sent. */
public final class WireText {
    private WireText() {
    }

    /** The text cut to {@code max} chars, never splitting a surrogate pair; null as empty. */
    public static String cut(String text, int max) {
        if (text == null) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
