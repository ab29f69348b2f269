package org.vigil.console.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV, both ways, for the console's exports and imports. Cells that a spreadsheet would run as a formula
 * (starting with = + - @ or a tab/CR) are written with a leading apostrophe, since they can carry text a pupil or a
 * stranger wrote; {@link #unprotect} takes it off again when such a file comes back.
 */
public final class Csv {
    private static final String FORMULA_STARTS = "=+-@\t\r";

    private Csv() {
    }

    /** One cell, defused and quoted as needed. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    /** One line of cells, ended with CRLF. */
    public static String row(List<String> cells) {
        StringBuilder line = new StringBuilder();
        for (String value : cells) {
            line.append(line.isEmpty() ? "" : ",").append(cell(value));
        }
        return line.append("\r\n").toString();
    }

    /** A cell as {@link #cell} wrote it, without the apostrophe that defused a formula. */
    public static String unprotect(String value) {
        if (value.length() >= 2 && value.charAt(0) == '\'' && FORMULA_STARTS.indexOf(value.charAt(1)) >= 0) {
            return value.substring(1);
        }
        return value;
    }

    /**
     * Reads CSV text (a leading byte order mark is dropped; CRLF, LF or CR line ends). Blank lines are skipped.
     *
     * @throws Malformed naming the line of an unclosed or stray quote
     */
    public static List<Record> read(String text) {
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Record> records = new ArrayList<>();
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean wasQuoted = false;
        int i = 0;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n' || (c == '\r' && !(i + 1 < csv.length() && csv.charAt(i + 1) == '\n'))) {
                        line++;
                    }
                    cell.append(c);
                }
                i++;
                continue;
            }
            if (c == '"') {
                if (!cell.isEmpty() || wasQuoted) {
                    throw new Malformed(line, "a quote inside an unquoted cell (quote the whole cell and double the quote)");
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                end(records, cells, cell, recordLine);
                wasQuoted = false;
                line++;
                recordLine = line;
            } else {
                if (wasQuoted) {
                    throw new Malformed(line, "text after a closing quote");
                }
                cell.append(c);
            }
            i++;
        }
        if (quoted) {
            throw new Malformed(recordLine, "a quoted cell is never closed");
        }
        end(records, cells, cell, recordLine);
        return records;
    }

    private static void end(List<Record> records, List<String> cells, StringBuilder cell, int line) {
        cells.add(cell.toString());
        cell.setLength(0);
        if (!(cells.size() == 1 && cells.get(0).isEmpty())) {
            records.add(new Record(line, List.copyOf(cells)));
        }
        cells.clear();
    }

    /** One CSV record and the line it starts on (1 is the first line of the file). */
    public record Record(int line, List<String> cells) {
    }

    /** CSV text that cannot be read. */
    public static final class Malformed extends IllegalArgumentException {
        private final int line;

        Malformed(int line, String reason) {
            super(reason);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }
}
