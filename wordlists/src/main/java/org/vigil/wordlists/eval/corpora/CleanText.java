package org.vigil.wordlists.eval.corpora;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a record's text into one corpus line: HTML entities decoded (the data sets were scraped from web pages),
 * {@code <br>} and line breaks and tabs as spaces, runs of spaces as one, ends trimmed. Nothing else is changed:
 * case, spelling, emoji and user names stay as written.
 */
final class CleanText {
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>");
    private static final Pattern SPACES = Pattern.compile("[\\s\\u00a0]+");
    private static final Map<String, String> NAMED = Map.of("amp", "&", "quot", "\"", "lt", "<", "gt", ">",
            "apos", "'", "nbsp", " ");

    private CleanText() {
    }

    static String of(String raw) {
        String text = BREAK.matcher(raw).replaceAll(" ");
        // twice: the tweets hold doubly escaped text such as "&amp;#8220;"
        text = decode(decode(text));
        return SPACES.matcher(text).replaceAll(" ").strip();
    }

    private static String decode(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = m.group();
            if (name.startsWith("#")) {
                int code = name.startsWith("#x") ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1));
                if (Character.isValidCodePoint(code) && code != 0 && !(code >= 0xD800 && code <= 0xDFFF)) {
                    replacement = new String(Character.toChars(code));
                }
            } else if (NAMED.containsKey(name.toLowerCase(java.util.Locale.ROOT))) {
                replacement = NAMED.get(name.toLowerCase(java.util.Locale.ROOT));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
