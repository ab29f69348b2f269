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
import org.vigil.wordlists.proximity.Proximity;

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
    private static final Pattern FLEXIBLE_JOINT = Pattern.compile("\\s*~\\s*");
    static final int MAX_EXCEPTIONS = 50;
    static final int MAX_EXCEPTION_LENGTH = 200;

    private WordlistParser() {
    }

    /**
     * Parses the whole file, checking every line.
     *
     * @throws WordlistFormatException for a bad file name; {@link WordlistProblems} (a WordlistFormatException
     *                                 naming the first) listing every bad line
     */
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
        Map<String, Rule> seen = new HashMap<>();
        WordlistProblems.Collector problems = new WordlistProblems.Collector();
        int lineNo = 0;
        String line;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (lineNo > MAX_LINES) {
                problems.add(new WordlistFormatException(fileName, lineNo, "more than " + MAX_LINES + " lines"));
                break;
            }
            if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                line = line.substring(1);
            }
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            try {
                Rule rule = parseEntry(fileName, lineNo, category, text);
                Rule first = seen.putIfAbsent(rule.plainTerm(), rule);
                if (first != null) {
                    throw new WordlistFormatException(fileName, lineNo, sameAs(rule, first));
                }
                rules.add(rule);
            } catch (WordlistFormatException e) {
                problems.add(e);
            }
        }
        problems.throwIfAny();
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
        if (term.indexOf('~') >= 0) {
            term = FLEXIBLE_JOINT.matcher(term).replaceAll("~");
            if (mode == MatchMode.WORD_PREFIX) {
                throw new WordlistFormatException(file, lineNo, "a flexible phrase (with '~') cannot also end in '*'");
            }
            if (term.indexOf(' ') >= 0 || term.startsWith("~") || term.endsWith("~") || term.contains("~~")) {
                throw new WordlistFormatException(file, lineNo,
                        "a flexible phrase joins every pair of words with one '~', as in self~harm");
            }
            mode = MatchMode.FLEXIBLE_PHRASE;
        }
        String markers = Rule.markers(term);
        if (markers.indexOf('=') >= 0 && mode != MatchMode.WHOLE_WORD) {
            throw new WordlistFormatException(file, lineNo,
                    "'=' (no plural or verb endings) is for whole words only, not with '*' or '~'");
        }
        if (markers.indexOf('!') >= 0 && mode == MatchMode.FLEXIBLE_PHRASE) {
            throw new WordlistFormatException(file, lineNo,
                    "'!' (no misspellings) is for whole words and prefixes: a flexible phrase never takes misspellings");
        }
        if (Proximity.looksLikeOne(term)) {
            if (!markers.isEmpty()) {
                throw new WordlistFormatException(file, lineNo,
                        "a proximity term takes no '=' or '!': its words get their endings and never misspellings");
            }
            return parseProximity(file, lineNo, category, severity, term, mode, fields);
        }
        checkTerm(file, lineNo, term);
        List<String> exceptions = List.of();
        if (fields.length == 3) {
            exceptions = parseExceptions(file, lineNo, term, fields[2].strip());
        }
        return new Rule(file, lineNo, category, severity, term, mode, exceptions);
    }

    /** {@code a/b <N> c/d}: each alternative is checked as a term; each exception must contain one of them. */
    private static Rule parseProximity(String file, int lineNo, String category, int severity, String term,
                                       MatchMode mode, String[] fields) {
        if (mode != MatchMode.WHOLE_WORD) {
            throw new WordlistFormatException(file, lineNo, "a proximity term cannot end in '*' or use '~'");
        }
        Proximity proximity;
        try {
            proximity = Proximity.parse(term).orElseThrow();
        } catch (IllegalArgumentException e) {
            throw new WordlistFormatException(file, lineNo, e.getMessage());
        }
        for (String alternative : proximity.alternatives()) {
            checkTerm(file, lineNo, alternative);
        }
        List<String> exceptions = List.of();
        if (fields.length == 3) {
            exceptions = parseProximityExceptions(file, lineNo, proximity, fields[2].strip());
        }
        return new Rule(file, lineNo, category, severity, term, mode, exceptions);
    }

    private static List<String> parseProximityExceptions(String file, int lineNo, Proximity proximity, String field) {
        if (!field.startsWith("except:")) {
            throw new WordlistFormatException(file, lineNo, "the third field starts with 'except:'");
        }
        List<String> phrases = Arrays.stream(field.substring("except:".length()).split(";"))
                .map(WordlistParser::canonical).filter(phrase -> !phrase.isEmpty()).toList();
        if (phrases.isEmpty() || phrases.size() > MAX_EXCEPTIONS) {
            throw new WordlistFormatException(file, lineNo, "'except:' names 1 to " + MAX_EXCEPTIONS + " phrases");
        }
        for (String phrase : phrases) {
            List<String> phraseWords = List.of(MatchForm.of(phrase, false).chars().split(" "));
            boolean sharesAWord = proximity.alternatives().stream()
                    .flatMap(alternative -> Arrays.stream(MatchForm.of(alternative, false).chars().split(" ")))
                    .anyMatch(phraseWords::contains);
            if (!sharesAWord || phrase.length() > MAX_EXCEPTION_LENGTH) {
                throw new WordlistFormatException(file, lineNo, "exception \"" + phrase
                        + "\" must share a word with the proximity term and be at most " + MAX_EXCEPTION_LENGTH
                        + " characters");
            }
        }
        return phrases;
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
        if (MatchForm.of(term, false).isEmpty()) {
            throw new WordlistFormatException(file, lineNo,
                    "the term \"" + term + "\" has no letter or digit once normalised, so it could never match");
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
        if (phrases.size() > MAX_EXCEPTIONS) {
            throw new WordlistFormatException(file, lineNo, "more than " + MAX_EXCEPTIONS + " exceptions");
        }
        String termForm = MatchForm.of(term.replace('~', ' '), false).chars();
        for (String phrase : phrases) {
            if (phrase.length() > MAX_EXCEPTION_LENGTH) {
                throw new WordlistFormatException(file, lineNo,
                        "an exception is longer than " + MAX_EXCEPTION_LENGTH + " characters");
            }
            String phraseForm = MatchForm.of(phrase, false).chars();
            if (!phraseForm.contains(termForm) || phraseForm.equals(termForm)) {
                throw new WordlistFormatException(file, lineNo,
                        "exception \"" + phrase + "\" must be a longer phrase containing \"" + term + "\"");
            }
        }
        return phrases;
    }

    private static String sameAs(Rule rule, Rule first) {
        if (rule.mode() != first.mode()) {
            return "\"" + rule.term() + "\" conflicts with line " + first.line() + ": the same term with two match modes";
        }
        return "\"" + rule.term() + "\" is already listed on line " + first.line();
    }

    /** Lower case, single spaces: the form terms are written in. */
    static String canonical(String text) {
        return SPACES.matcher(text.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
