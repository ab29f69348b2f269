package org.vigil.console.terms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.vigil.console.csv.Csv;
import org.vigil.wordlists.Rule;
import org.vigil.wordlists.WordlistBundle;
import org.vigil.wordlists.WordlistFormatException;
import org.vigil.wordlists.WordlistProblems;

/**
 * Wordlists as CSV (wordlists/README.md, "CSV"): a header {@value #HEADER}, then one entry a row; match is
 * {@code word}, {@code prefix} or {@code flexible}; exceptions are joined with {@code ;}. RFC 4180 quoting, UTF-8
 * with or without a byte order mark. Only entries that are on travel as CSV: comments and switched-off entries are
 * kept only by the wordlist-format export.
 */
public final class WordlistCsv {
    public static final String HEADER = "category,severity,term,match,exceptions";
    private static final List<String> COLUMNS = List.of(HEADER.split(","));
    private static final Pattern CATEGORY_ID = Pattern.compile("[a-z][a-z0-9-]{0,40}");
    /** The first line of each category file made from CSV, so entry line N of the file is at index N - 2. */
    private static final String MADE_FROM = "# imported from CSV";

    private WordlistCsv() {
    }

    /** The entries of the category files as CSV, by category then line, formula-looking cells defused. */
    public static String write(Map<String, String> categoryFiles) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (Rule rule : WordlistBundle.of(categoryFiles).wordlist().rules()) {
            TermEntry entry = TermEntry.of(rule);
            out.append(Csv.row(List.of(rule.category(), Integer.toString(entry.severity()), entry.readableTerm(),
                    entry.match(), entry.exceptionText())));
        }
        return out.toString();
    }

    /**
     * Category files (name to text) from CSV text, checked with the real parser.
     *
     * @param source what to call the CSV in errors, e.g. the uploaded file's name
     * @throws WordlistProblems naming every bad row by its CSV line number
     */
    public static Map<String, String> read(String source, String csv) {
        WordlistProblems.Collector problems = new WordlistProblems.Collector();
        List<Csv.Record> records = List.of();
        try {
            records = Csv.read(csv);
        } catch (Csv.Malformed e) {
            problems.add(new WordlistFormatException(source, e.line(), e.getMessage()));
        }
        if (problems.isEmpty() && (records.isEmpty() || !isHeader(records.get(0).cells()))) {
            problems.add(new WordlistFormatException(source, 1, "the first line must be the header " + HEADER));
        }
        problems.throwIfAny();
        Map<String, List<Csv.Record>> rowsByCategory = new TreeMap<>();
        Map<String, List<String>> linesByCategory = new TreeMap<>();
        for (Csv.Record record : records.subList(1, records.size())) {
            try {
                String category = category(record);
                TermEntry entry = entry(record);
                rowsByCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(record);
                linesByCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(entry.line());
            } catch (IllegalArgumentException e) {
                problems.add(new WordlistFormatException(source, record.line(), e.getMessage()));
            }
        }
        if (records.size() == 1) {
            problems.add(new WordlistFormatException(source, 1, "the file holds no entries after the header"));
            problems.throwIfAny();
        }
        Map<String, String> files = new LinkedHashMap<>();
        linesByCategory.forEach((category, lines) ->
                files.put(category + ".txt", MADE_FROM + "\n" + String.join("\n", lines) + "\n"));
        try {
            if (!files.isEmpty()) {
                WordlistBundle.of(files).wordlist();
            }
        } catch (WordlistProblems e) {
            for (WordlistFormatException problem : e.problems()) {
                String category = problem.source().substring(0, problem.source().length() - ".txt".length());
                List<Csv.Record> rows = rowsByCategory.getOrDefault(category, List.of());
                int index = problem.line() - 2;
                int csvLine = index >= 0 && index < rows.size() ? rows.get(index).line() : 1;
                problems.add(new WordlistFormatException(source, csvLine, problem.reason()));
            }
        }
        problems.throwIfAny();
        return files;
    }

    private static boolean isHeader(List<String> cells) {
        List<String> names = cells.stream().map(cell -> cell.strip().toLowerCase(Locale.ROOT)).toList();
        return names.equals(COLUMNS) || names.equals(COLUMNS.subList(0, 4));
    }

    private static String category(Csv.Record record) {
        if (record.cells().size() < 3 || record.cells().size() > 5) {
            throw new IllegalArgumentException("expected the columns " + HEADER + ", got " + record.cells().size()
                    + " cells");
        }
        String category = cell(record, 0).strip();
        if (!CATEGORY_ID.matcher(category).matches()) {
            throw new IllegalArgumentException("the category must be an id such as self-harm (lower-case letters,"
                    + " digits, '-'), got '" + category + "'");
        }
        return category;
    }

    private static TermEntry entry(Csv.Record record) {
        return TermEntry.of(cell(record, 1), cell(record, 2), cell(record, 3), cell(record, 4));
    }

    private static String cell(Csv.Record record, int index) {
        return index < record.cells().size() ? Csv.unprotect(record.cells().get(index)) : "";
    }
}
