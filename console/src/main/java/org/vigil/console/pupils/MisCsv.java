package org.vigil.console.pupils;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vigil.console.csv.Csv;
import org.vigil.console.store.DirectoryPupil;
import org.vigil.console.store.PupilFlags;

/**
 * A pupil list exported from the MIS as CSV: a header line, then one pupil a line. Every line is checked and every
 * problem collected, so a refused file names all its bad lines at once.
 */
public final class MisCsv {
    static final int MAX_LOGIN = 128;
    static final int MAX_NAME = 100;
    static final int MAX_GROUP = 40;
    static final int MAX_PUPILS = 20_000;
    private static final Set<String> YES = Set.of("yes", "y", "true", "1", "x");
    private static final Set<String> NO = Set.of("no", "n", "false", "0", "");
    /** SIMS and others write the SEN provision: K (SEN support) or E (EHC plan); N is none. */
    private static final Set<String> SEND_YES = Set.of("k", "e", "s", "ehcp", "ehc plan", "sen support");

    private MisCsv() {
    }

    /**
     * The pupils in the file, every one checked.
     *
     * @throws ImportRefused naming every bad line, column and reason
     */
    public static List<DirectoryPupil> read(String text) {
        List<Csv.Record> records;
        try {
            records = Csv.read(text);
        } catch (Csv.Malformed e) {
            throw new ImportRefused(List.of(new ImportProblem(e.line(), "", e.getMessage())));
        }
        if (records.isEmpty()) {
            throw new ImportRefused(List.of(new ImportProblem(1, "", "the file is empty: it needs a header line"
                    + " (username, given name, family name, year group, form) and a line per pupil")));
        }
        List<ImportProblem> problems = new ArrayList<>();
        Map<MisColumn, Integer> columns = columns(records.get(0), problems);
        if (!problems.isEmpty()) {
            throw new ImportRefused(problems);
        }
        if (records.size() - 1 > MAX_PUPILS) {
            throw new ImportRefused(List.of(new ImportProblem(records.get(MAX_PUPILS + 1).line(), "",
                    "more than " + MAX_PUPILS + " pupils in one file")));
        }
        int width = records.get(0).cells().size();
        List<DirectoryPupil> pupils = new ArrayList<>();
        Map<String, Integer> lineOfLogin = new HashMap<>();
        for (Csv.Record record : records.subList(1, records.size())) {
            if (record.cells().size() != width) {
                problems.add(new ImportProblem(record.line(), "", record.cells().size() + " cells where the header has "
                        + width + " (a missing or extra comma?)"));
                continue;
            }
            Row row = new Row(record, columns, problems);
            String login = row.text(MisColumn.LOGIN, MAX_LOGIN);
            if (!login.isEmpty() && !login.matches("[^\\s\\p{Cntrl}]+")) {
                row.problem(MisColumn.LOGIN, "a login has no spaces or control characters");
            }
            DirectoryPupil pupil = new DirectoryPupil(Logins.normalise(login), row.text(MisColumn.GIVEN_NAME, MAX_NAME),
                    row.text(MisColumn.FAMILY_NAME, MAX_NAME), row.text(MisColumn.YEAR_GROUP, MAX_GROUP),
                    row.text(MisColumn.FORM, MAX_GROUP), new PupilFlags(row.flag(MisColumn.CHILD_PROTECTION_PLAN, Set.of()),
                    row.flag(MisColumn.LOOKED_AFTER, Set.of()), row.flag(MisColumn.SEND, SEND_YES)));
            if (!pupil.login().isEmpty()) {
                Integer earlier = lineOfLogin.putIfAbsent(pupil.login(), record.line());
                if (earlier != null) {
                    row.problem(MisColumn.LOGIN, "the login " + pupil.login() + " is also on line " + earlier);
                }
            }
            if (!row.bad) {
                pupils.add(pupil);
            }
        }
        if (!problems.isEmpty()) {
            throw new ImportRefused(problems);
        }
        return pupils;
    }

    private static Map<MisColumn, Integer> columns(Csv.Record header, List<ImportProblem> problems) {
        Map<MisColumn, Integer> columns = new EnumMap<>(MisColumn.class);
        for (int i = 0; i < header.cells().size(); i++) {
            String name = header.cells().get(i);
            int index = i;
            MisColumn.forHeader(name).ifPresent(column -> {
                Integer earlier = columns.putIfAbsent(column, index);
                if (earlier != null) {
                    problems.add(new ImportProblem(header.line(), "column " + (index + 1) + " \"" + name + "\"",
                            "a second " + column.label() + " column (column " + (earlier + 1) + " is one already)"));
                }
            });
        }
        for (MisColumn column : MisColumn.values()) {
            if (column.required() && !columns.containsKey(column)) {
                problems.add(new ImportProblem(header.line(), column.label(), "no " + column.label()
                        + " column in the header (found: " + String.join(", ", header.cells()) + ")"));
            }
        }
        return columns;
    }

    /** One pupil line being read; its problems go to the shared list. */
    private static final class Row {
        private final Csv.Record record;
        private final Map<MisColumn, Integer> columns;
        private final List<ImportProblem> problems;
        private boolean bad;

        Row(Csv.Record record, Map<MisColumn, Integer> columns, List<ImportProblem> problems) {
            this.record = record;
            this.columns = columns;
            this.problems = problems;
        }

        String text(MisColumn column, int maxLength) {
            Integer index = columns.get(column);
            if (index == null) {
                return "";
            }
            String value = Csv.unprotect(record.cells().get(index)).strip();
            if (value.isEmpty() && column.required()) {
                problem(column, "empty; every pupil needs a " + column.label());
            } else if (value.length() > maxLength) {
                problem(column, "longer than " + maxLength + " characters");
            } else if (value.chars().anyMatch(Character::isISOControl)) {
                problem(column, "contains a control character");
            }
            return value;
        }

        boolean flag(MisColumn column, Set<String> alsoYes) {
            Integer index = columns.get(column);
            if (index == null) {
                return false;
            }
            String value = record.cells().get(index).strip().toLowerCase(Locale.ROOT);
            if (YES.contains(value) || alsoYes.contains(value)) {
                return true;
            }
            if (!NO.contains(value)) {
                problem(column, "\"" + record.cells().get(index).strip() + "\" is not yes or no");
            }
            return false;
        }

        void problem(MisColumn column, String reason) {
            bad = true;
            problems.add(new ImportProblem(record.line(), column.label(), reason));
        }
    }
}
