package org.vigil.console.terms;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.vigil.wordlists.Rule;
import org.vigil.wordlists.WordlistFormatException;
import org.vigil.wordlists.WordlistParser;

/**
 * Term-level edits of one category file's text, as pure functions: each returns the new text with every other line
 * and comment exactly as it was. A switched-off entry is the entry's line behind {@value #OFF}, a comment to the
 * parser (so the version diff shows the term removed) that {@link #enable} turns back into the entry. An entry is
 * addressed by its line number and term, so an edit made from a page loaded before the text changed is refused
 * rather than applied to the wrong line.
 */
public final class CategoryText {
    /** What starts the line of a switched-off entry. */
    public static final String OFF = "# off: ";

    private CategoryText() {
    }

    /** Every entry of the text, on or off, in line order. */
    public static List<Entry> entries(String category, String text) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.startsWith(OFF.strip())) {
                parseOne(category, line.substring(OFF.strip().length()))
                        .ifPresent(entry -> entries.add(new Entry(lineNo, entry, false)));
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                parseOne(category, line).ifPresent(entry -> entries.add(new Entry(lineNo, entry, true)));
            }
        }
        return entries;
    }

    /**
     * The text with the entry added as a last line.
     *
     * @throws IllegalArgumentException if the term is already there, on or off
     */
    public static String add(String category, String text, TermEntry entry) {
        for (Entry existing : entries(category, text)) {
            if (sameTerm(existing.entry().term(), entry.term())) {
                throw new IllegalArgumentException("\"" + entry.readableTerm() + "\" is already listed on line "
                        + existing.line() + (existing.enabled() ? "" : " (switched off: switch it on instead)"));
            }
        }
        String body = text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
        return body + entry.line() + "\n";
    }

    /**
     * The text with the entry on that line given a new severity, mode and exceptions; an entry that is off stays
     * off.
     *
     * @throws IllegalArgumentException if that line does not hold that term
     */
    public static String edit(String category, String text, int line, TermEntry entry) {
        Entry existing = find(category, text, line, entry.term());
        return replaceLine(text, line, (existing.enabled() ? "" : OFF) + entry.line());
    }

    /** The text with the entry on that line switched off (commented out as {@value #OFF}…). */
    public static String disable(String category, String text, int line, String term) {
        Entry existing = find(category, text, line, term);
        if (!existing.enabled()) {
            throw new IllegalArgumentException("\"" + existing.entry().readableTerm() + "\" is already off");
        }
        return replaceLine(text, line, OFF + lines(text)[line - 1].strip());
    }

    /** The text with the switched-off entry on that line on again. */
    public static String enable(String category, String text, int line, String term) {
        Entry existing = find(category, text, line, term);
        if (existing.enabled()) {
            throw new IllegalArgumentException("\"" + existing.entry().readableTerm() + "\" is already on");
        }
        return replaceLine(text, line, lines(text)[line - 1].strip().substring(OFF.strip().length()).strip());
    }

    /** The text without the line of that entry (on or off). */
    public static String delete(String category, String text, int line, String term) {
        find(category, text, line, term);
        List<String> kept = new ArrayList<>(Arrays.asList(lines(text)));
        kept.remove(line - 1);
        return String.join("\n", kept);
    }

    private static Entry find(String category, String text, int line, String term) {
        return entries(category, text).stream()
                .filter(entry -> entry.line() == line && sameTerm(entry.entry().term(), term))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("line " + line + " does not hold \""
                        + term.replace('~', ' ') + "\" any more: the list changed since the page was loaded;"
                        + " reload it and try again"));
    }

    private static boolean sameTerm(String a, String b) {
        return a.replace('~', ' ').equals(b.replace('~', ' ').strip());
    }

    private static String replaceLine(String text, int line, String replacement) {
        String[] lines = lines(text);
        lines[line - 1] = replacement;
        return String.join("\n", lines);
    }

    private static String[] lines(String text) {
        return text.split("\n", -1);
    }

    private static Optional<TermEntry> parseOne(String category, String line) {
        try (BufferedReader reader = new BufferedReader(new StringReader(line))) {
            List<Rule> rules = WordlistParser.parse(category + ".txt", reader);
            return rules.isEmpty() ? Optional.empty() : Optional.of(TermEntry.of(rules.get(0)));
        } catch (WordlistFormatException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string failed", e);
        }
    }

    /** An entry and where it is: its line number (from 1) and whether it is on. */
    public record Entry(int line, TermEntry entry, boolean enabled) {
    }
}
