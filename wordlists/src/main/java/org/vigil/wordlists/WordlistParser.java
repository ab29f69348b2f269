package org.vigil.wordlists;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one category file (format 1, see wordlists/README.md).
 * <pre>
 * # comment
 * 5 | kill myself
 * 4 | suicid*                          (trailing * : word prefix)
 * 3 | kms | except: kms away; kms run  (phrases in which the term is innocent)
 * </pre>
 * The category is the file name without {@code .txt}.
 */
public final class WordlistParser {
    static final int MAX_TERM_LENGTH = 100;
    static final int MAX_LINES = 100_000;
    private static final Pattern CATEGORY_ID = Pattern.compile("[a-z][a-z0-9-]{0,40}");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private WordlistParser() {
    }

    public static List<Rule> parse(String fileName, BufferedReader reader) throws IOException {
        if (!fileName.endsWith(".txt")) {
            throw new WordlistFormatException(fileName, 0, "a wordlist file name ends in .txt");
        }
        String category = fileName.substring(0, fileName.length() - 4);
        if (!CATEGORY_ID.matcher(category).matches()) {
            throw new WordlistFormatException(fileName, 0,
                    "the file name must be a category id (lower-case letters, digits, '-')");
        }
        List<Rule> rules = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        int lineNo = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (lineNo > MAX_LINES) {
                throw new WordlistFormatException(fileName, lineNo, "more than " + MAX_LINES + " lines");
            }
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            Rule rule = parseEntry(fileName, lineNo, category, text);
            String key = rule.mode() + " " + rule.term();
            Integer first = seen.putIfAbsent(key, lineNo);
            if (first != null) {
                throw new WordlistFormatException(fileName, lineNo,
                        "\"" + rule.term() + "\" is already listed on line " + first);
            }
            rules.add(rule);
        }
        return rules;
    }

    private static Rule parseEntry(String file, int lineNo, String category, String text) {
        String[] fields = text.split("\\|", -1);
        if (fields.length < 2 || fields.length > 3) {
            throw new WordlistFormatException(file, lineNo,
                    "expected 'severity | term' or 'severity | term | except: phrase; phrase'");
        }
        int severity = parseSeverity(file, lineNo, fields[0].strip());
        String term = canonical(fields[1]);
        MatchMode mode = MatchMode.WHOLE_WORD;
        if (term.endsWith("*")) {
            mode = MatchMode.WORD_PREFIX;
            term = term.substring(0, term.length() - 1).strip();
        }
        checkTerm(file, lineNo, term);
        List<String> exceptions = List.of();
        if (fields.length == 3) {
            exceptions = parseExceptions(file, lineNo, term, fields[2].strip());
        }
        return new Rule(file, lineNo, category, severity, term, mode, exceptions);
    }

    private static int parseSeverity(String file, int lineNo, String field) {
        if (field.length() != 1 || field.charAt(0) < '1' || field.charAt(0) > '5') {
            throw new WordlistFormatException(file, lineNo, "severity must be a number from 1 to 5, got '" + field + "'");
        }
        return field.charAt(0) - '0';
    }

    private static void checkTerm(String file, int lineNo, String term) {
        if (term.isEmpty()) {
            throw new WordlistFormatException(file, lineNo, "the term is empty");
        }
        if (term.length() > MAX_TERM_LENGTH) {
            throw new WordlistFormatException(file, lineNo, "the term is longer than " + MAX_TERM_LENGTH + " characters");
        }
        if (term.indexOf('*') >= 0) {
            throw new WordlistFormatException(file, lineNo, "'*' is allowed only at the end of a term");
        }
        if (!Character.isLetterOrDigit(term.charAt(0))) {
            throw new WordlistFormatException(file, lineNo, "a term starts with a letter or digit");
        }
    }

    private static List<String> parseExceptions(String file, int lineNo, String term, String field) {
        if (!field.startsWith("except:")) {
            throw new WordlistFormatException(file, lineNo, "the third field starts with 'except:'");
        }
        List<String> phrases = Arrays.stream(field.substring("except:".length()).split(";"))
                .map(WordlistParser::canonical)
                .filter(phrase -> !phrase.isEmpty())
                .toList();
        if (phrases.isEmpty()) {
            throw new WordlistFormatException(file, lineNo, "'except:' names no phrase");
        }
        for (String phrase : phrases) {
            if (!phrase.contains(term) || phrase.equals(term)) {
                throw new WordlistFormatException(file, lineNo,
                        "exception \"" + phrase + "\" must be a longer phrase containing \"" + term + "\"");
            }
        }
        return phrases;
    }

    /** Lower case, single spaces: the form terms are matched in. */
    static String canonical(String text) {
        return SPACES.matcher(text.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
