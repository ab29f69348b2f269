package org.vigil.console.terms;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.vigil.console.request.InvalidRequest;
import org.vigil.wordlists.MatchMode;
import org.vigil.wordlists.Rule;
import org.vigil.wordlists.WordlistParser;

/**
 * Adds one exception phrase to one term's line in a category file and touches nothing else: every other line,
 * comment, blank line and disabled entry stays exactly as it was. The line is found by the real parser (term and
 * match mode), not by line number, so an edited file is handled correctly.
 */
public final class TermExceptions {
    private TermExceptions() {
    }

    /**
     * The file's text with {@code phrase} added to the term's {@code except:} list (or given one); the text
     * unchanged if the term already has that exception.
     *
     * @throws InvalidRequest if the term (in that match mode) is not in the file, or the phrase would break the
     *                        line's format
     * @throws org.vigil.wordlists.WordlistFormatException if the file as it stands does not parse
     */
    public static String withException(String fileName, String text, String term, MatchMode mode, String phrase) {
        String canonical = ExceptionPhrases.canonical(phrase);
        if (!ExceptionPhrases.fitsOnALine(canonical)) {
            throw new InvalidRequest("An exception cannot contain '|', ';' or control characters.");
        }
        Rule rule = find(fileName, text, term, mode).orElseThrow(() -> new InvalidRequest("The term \"" + term
                + "\" is no longer in " + fileName + "."));
        if (rule.exceptions().contains(canonical)) {
            return text;
        }
        String[] lines = text.split("\n", -1);
        String line = lines[rule.line() - 1].stripTrailing();
        lines[rule.line() - 1] = rule.exceptions().isEmpty() ? line + " | except: " + canonical
                : line + "; " + canonical;
        return String.join("\n", lines);
    }

    /** The entry for the term in that match mode, if the file has one. */
    public static Optional<Rule> find(String fileName, String text, String term, MatchMode mode) {
        try (BufferedReader reader = new BufferedReader(new StringReader(text))) {
            List<Rule> rules = WordlistParser.parse(fileName, reader);
            return rules.stream().filter(r -> r.term().equals(term) && r.mode() == mode).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string failed", e);
        }
    }
}
