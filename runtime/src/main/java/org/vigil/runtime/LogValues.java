package org.vigil.runtime;

/**
 * Values from outside (a username typed at sign-in, a hostname an agent sent) made safe for one log line: control
 * characters are written as escapes, so a newline cannot forge a second line, and long values are cut.
 */
public final class LogValues {
    static final int MAX_CHARS = 200;

    private LogValues() {
    }

    public static String escape(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), MAX_CHARS) + 8);
        for (int i = 0; i < value.length() && out.length() < MAX_CHARS; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.length() < MAX_CHARS || value.length() <= MAX_CHARS ? out.toString() : out + "…";
    }
}
