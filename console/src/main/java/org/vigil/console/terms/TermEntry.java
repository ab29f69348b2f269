package org.vigil.console.terms;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.vigil.wordlists.MatchMode;
import org.vigil.wordlists.Rule;

/**
 * One wordlist entry as a form or a CSV row gives it: severity, term, match mode and exceptions. It checks what
 * would break the line format (a '|' or a line break in a field, '*' or '~' fighting the chosen mode) and writes the
 * entry as one line of a category file; everything else is left to the real parser.
 */
public record TermEntry(int severity, String term, MatchMode mode, List<String> exceptions) {
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern FLEXIBLE_GAPS = Pattern.compile("\\s*~\\s*|\\s+");

    public TermEntry {
        exceptions = List.copyOf(exceptions);
    }

    /**
     * An entry from text fields: severity 1-5, the term, {@code word|prefix|flexible} (blank is word) and
     * exception phrases separated by ';'.
     *
     * @throws IllegalArgumentException saying which field is wrong and why
     */
    public static TermEntry of(String severity, String term, String match, String exceptions) {
        String level = severity == null ? "" : severity.strip();
        if (!level.matches("[1-5]")) {
            throw new IllegalArgumentException("severity must be a number from 1 to 5, got '" + level + "'");
        }
        MatchMode mode = mode(match);
        String raw = term == null ? "" : term;
        refuseLineBreaking("the term", raw);
        String written = canonical(raw);
        if (written.isEmpty()) {
            throw new IllegalArgumentException("the term is empty");
        }
        if (written.indexOf('*') >= 0) {
            throw new IllegalArgumentException("the term may not contain '*': choose the match 'prefix' instead");
        }
        if (mode == MatchMode.FLEXIBLE_PHRASE) {
            written = FLEXIBLE_GAPS.matcher(written).replaceAll("~");
        } else if (written.indexOf('~') >= 0) {
            throw new IllegalArgumentException("the term may not contain '~': choose the match 'flexible' instead");
        }
        String except = exceptions == null ? "" : exceptions;
        refuseLineBreaking("an exception", except);
        List<String> phrases = Arrays.stream(except.split(";"))
                .map(TermEntry::canonical).filter(phrase -> !phrase.isEmpty()).toList();
        return new TermEntry(level.charAt(0) - '0', written, mode, phrases);
    }

    /** The entry a parsed rule holds. */
    public static TermEntry of(Rule rule) {
        return new TermEntry(rule.severity(), rule.term(), rule.mode(), rule.exceptions());
    }

    /** {@code word}, {@code prefix} or {@code flexible}: how forms and CSV name a match mode. */
    public static String matchName(MatchMode mode) {
        return switch (mode) {
            case WHOLE_WORD -> "word";
            case WORD_PREFIX -> "prefix";
            case FLEXIBLE_PHRASE -> "flexible";
        };
    }

    static MatchMode mode(String match) {
        String name = match == null ? "" : match.strip().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "", "word" -> MatchMode.WHOLE_WORD;
            case "prefix" -> MatchMode.WORD_PREFIX;
            case "flexible" -> MatchMode.FLEXIBLE_PHRASE;
            default -> throw new IllegalArgumentException("match must be word, prefix or flexible, got '" + name + "'");
        };
    }

    /** The term as a person reads it: words of a flexible phrase apart. */
    public String readableTerm() {
        return term.replace('~', ' ');
    }

    public String match() {
        return matchName(mode);
    }

    /** The entry as one line of a category file: {@code severity | term[*] | except: a; b}. */
    public String line() {
        StringBuilder line = new StringBuilder().append(severity).append(" | ").append(term);
        if (mode == MatchMode.WORD_PREFIX) {
            line.append('*');
        }
        if (!exceptions.isEmpty()) {
            line.append(" | except: ").append(String.join("; ", exceptions));
        }
        return line.toString();
    }

    /** The exceptions as a form or CSV cell shows them. */
    public String exceptionText() {
        return String.join("; ", exceptions);
    }

    private static void refuseLineBreaking(String what, String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException(what + " may not contain a line break");
        }
        if (text.indexOf('|') >= 0) {
            throw new IllegalArgumentException(what + " may not contain '|' (it separates the fields of a line)");
        }
    }

    private static String canonical(String text) {
        return SPACES.matcher(text.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
