package org.vigil.wordlists;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one group of devices (KS1, KS2, Staff…) changes in the school's lists: a file {@code groups/<id>.txt} in the
 * policy bundle, one directive per line.
 * <pre>
 * # KS1: pupils aged 5 to 7
 * off gambling                          (the whole category is switched off)
 * off drugs | weed                      (one term is switched off)
 * severity bullying +1                  (every term in a category moves up or down, within 1..5; =N sets it)
 * add gambling | 3 | loot box*          (a term of the group's own; it replaces the list's entry for the same term)
 * </pre>
 * {@link #applyTo} turns the school's category files into the group's own: entry lines that are off or replaced are
 * commented out rather than removed, so a rule keeps its line number, and the group's terms go at the end.
 */
public record GroupOverrides(String group, String fileName, Set<String> offCategories,
                             Map<String, Set<String>> offTerms, Map<String, SeverityChange> severities,
                             List<Addition> additions) {
    public static final String FOLDER = "groups/";
    private static final Pattern GROUP_FILE = Pattern.compile("groups/([a-z][a-z0-9-]{0,40})\\.txt");
    private static final Pattern OFF = Pattern.compile("off\\s+([^|\\s]+)\\s*(?:\\|\\s*(.+))?");
    private static final Pattern SEVERITY = Pattern.compile("severity\\s+(\\S+)\\s+([+=-])\\s*([0-9])");
    private static final Pattern ADD = Pattern.compile("add\\s+([^|\\s]+)\\s*\\|(.+)");

    public GroupOverrides {
        offCategories = Set.copyOf(offCategories);
        offTerms = Map.copyOf(offTerms);
        severities = Map.copyOf(severities);
        additions = List.copyOf(additions);
    }

    /** The group id a bundle file name stands for, if it is a group file. */
    public static Optional<String> groupOf(String fileName) {
        Matcher name = GROUP_FILE.matcher(fileName);
        return name.matches() ? Optional.of(name.group(1)) : Optional.empty();
    }

    public static String fileName(String group) {
        return FOLDER + group + ".txt";
    }

    /**
     * Reads a group file and checks it against the categories it changes.
     *
     * @throws WordlistFormatException naming the line of the first directive that cannot be used
     */
    public static GroupOverrides parse(String fileName, String text, Wordlist lists) {
        String group = groupOf(fileName).orElseThrow(() -> new WordlistFormatException(fileName, 0,
                "a group file is named groups/<id>.txt, the id in lower-case letters, digits and '-'"));
        return parse(group, fileName, text, lists);
    }

    /**
     * Reads a school's changes to the trust's lists ({@code school.txt}: the same directives as a group file, for
     * every device of the school), checked against the trust's categories. Its changes are labelled with
     * {@code label} ("school oak") in the lists it makes.
     *
     * @throws WordlistFormatException naming the line of the first directive that cannot be used
     */
    public static GroupOverrides parseLayer(String label, String fileName, String text, Wordlist lists) {
        return parse(label, fileName, text, lists);
    }

    private static GroupOverrides parse(String group, String fileName, String text, Wordlist lists) {
        Map<String, Set<String>> termsByCategory = new HashMap<>();
        lists.rules().forEach(rule -> termsByCategory.computeIfAbsent(rule.category(), c -> new TreeSet<>())
                .add(rule.term()));
        Set<String> off = new TreeSet<>();
        Map<String, Set<String>> offTerms = new TreeMap<>();
        Map<String, SeverityChange> severities = new TreeMap<>();
        List<Addition> additions = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher match;
            if ((match = OFF.matcher(line)).matches()) {
                String category = known(fileName, lineNo, match.group(1), termsByCategory);
                if (match.group(2) == null) {
                    off.add(category);
                } else {
                    String term = WordlistParser.canonical(match.group(2)).replaceAll("\\*$", "").strip();
                    if (!termsByCategory.get(category).contains(term)) {
                        throw new WordlistFormatException(fileName, lineNo,
                                "\"" + term + "\" is not a term in " + category);
                    }
                    offTerms.computeIfAbsent(category, c -> new TreeSet<>()).add(term);
                }
            } else if ((match = SEVERITY.matcher(line)).matches()) {
                String category = known(fileName, lineNo, match.group(1), termsByCategory);
                SeverityChange change = new SeverityChange(match.group(2).charAt(0),
                        Integer.parseInt(match.group(3)));
                if (change.sign() == '=' && (change.amount() < 1 || change.amount() > 5)) {
                    throw new WordlistFormatException(fileName, lineNo, "a severity is a number from 1 to 5");
                }
                if (severities.putIfAbsent(category, change) != null) {
                    throw new WordlistFormatException(fileName, lineNo,
                            "the severity of " + category + " is already changed above");
                }
            } else if ((match = ADD.matcher(line)).matches()) {
                additions.add(addition(fileName, lineNo, match.group(1), match.group(2).strip(), additions));
            } else {
                throw new WordlistFormatException(fileName, lineNo, "expected 'off CATEGORY', 'off CATEGORY | TERM',"
                        + " 'severity CATEGORY +N|-N|=N' or 'add CATEGORY | SEVERITY | TERM [| except: …]'");
            }
        }
        return new GroupOverrides(group, fileName, off, offTerms, severities, additions);
    }

    private static String known(String file, int lineNo, String category, Map<String, Set<String>> categories) {
        if (!categories.containsKey(category)) {
            throw new WordlistFormatException(file, lineNo, "there is no category \"" + category + "\" in the lists");
        }
        return category;
    }

    /** An {@code add} line is checked by the real parser, as if it were a line of that category's file. */
    private static Addition addition(String file, int lineNo, String category, String entry, List<Addition> earlier) {
        List<Rule> parsed;
        try (BufferedReader reader = new BufferedReader(new StringReader(entry))) {
            parsed = WordlistParser.parse(category + ".txt", reader);
        } catch (WordlistFormatException e) {
            throw new WordlistFormatException(file, lineNo, e.reason());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string failed", e);
        }
        Rule rule = parsed.get(0);
        for (Addition other : earlier) {
            if (other.category().equals(category) && other.rule().term().equals(rule.term())) {
                throw new WordlistFormatException(file, lineNo, "\"" + rule.term() + "\" is already added on line "
                        + other.line());
            }
        }
        return new Addition(lineNo, category, entry, rule);
    }

    /**
     * This group's lists: the school's category files with this group's changes made.
     *
     * @param categories the category files (no group files)
     */
    public WordlistBundle applyTo(WordlistBundle categories) {
        Map<String, List<Addition>> added = new LinkedHashMap<>();
        additions.forEach(addition -> added.computeIfAbsent(addition.category(), c -> new ArrayList<>()).add(addition));
        SortedMap<String, String> files = new TreeMap<>();
        categories.files().forEach((name, text) -> {
            String category = name.substring(0, name.length() - ".txt".length());
            List<Addition> own = added.getOrDefault(category, List.of());
            if (offCategories.contains(category) && own.isEmpty()) {
                return;
            }
            files.put(name, rewrite(name, category, text, own));
        });
        added.forEach((category, own) -> files.computeIfAbsent(category + ".txt",
                name -> rewrite(name, category, "", own)));
        return new WordlistBundle(files);
    }

    private String rewrite(String name, String category, String text, List<Addition> own) {
        Set<String> replaced = new TreeSet<>();
        own.forEach(addition -> replaced.add(addition.rule().term()));
        Set<String> termsOff = offTerms.getOrDefault(category, Set.of());
        Map<Integer, Rule> entries = new HashMap<>();
        WordlistBundle.of(Map.of(name, text)).wordlist().rules().forEach(rule -> entries.put(rule.line(), rule));
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            Rule rule = entries.get(i + 1);
            if (rule == null) {
                out.append(lines[i]);
            } else if (offCategories.contains(category) || termsOff.contains(rule.term())) {
                out.append("# off in ").append(origin()).append(": ").append(lines[i]);
            } else if (replaced.contains(rule.term())) {
                out.append("# replaced in ").append(origin()).append(": ").append(lines[i]);
            } else {
                int severity = severities.getOrDefault(category, SeverityChange.NONE).applyTo(rule.severity());
                out.append(severity == rule.severity() ? lines[i] : withSeverity(lines[i], severity));
            }
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        if (!own.isEmpty()) {
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
            out.append("# added in ").append(origin()).append(" (").append(fileName).append(")\n");
            own.forEach(addition -> out.append(addition.entry()).append('\n'));
        }
        return out.toString();
    }

    /** Who made a change, in the comments of the lists made: "group ks1", or a school file's label. */
    private String origin() {
        return fileName.startsWith(FOLDER) ? "group " + group : group;
    }

    private static String withSeverity(String line, int severity) {
        int bar = line.indexOf('|');
        String indent = line.substring(0, line.length() - line.stripLeading().length());
        return indent + severity + " " + line.substring(bar);
    }

    /** Moves every severity of a category: {@code +N}, {@code -N} or {@code =N}, kept within 1..5. */
    public record SeverityChange(char sign, int amount) {
        static final SeverityChange NONE = new SeverityChange('+', 0);

        int applyTo(int severity) {
            int changed = switch (sign) {
                case '+' -> severity + amount;
                case '-' -> severity - amount;
                default -> amount;
            };
            return Math.max(1, Math.min(5, changed));
        }

        @Override
        public String toString() {
            return sign + Integer.toString(amount);
        }
    }

    /** A term of the group's own, as written ({@code 3 | loot box*}), and as the parser reads it. */
    public record Addition(int line, String category, String entry, Rule rule) {
    }
}
