package org.vigil.console.store.copy;

import java.util.List;

/**
 * What a copy found when it compared the two sides afterwards: every table's rows and hash on each, and the
 * screenshots. {@link #matches} is the copy's verdict on the rows; the command adds the audit chain's check on the
 * target (a feature of its own, ADR 0141).
 */
public record CopyReport(String from, String to, String schemaVersion, List<TableComparison> tables,
                         ScreenshotsCopied screenshots) {

    public CopyReport {
        tables = List.copyOf(tables);
    }

    public boolean matches() {
        return tables.stream().allMatch(TableComparison::same);
    }

    /** The comparison as a table for a person, then the screenshots and the verdict. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append("Copied ").append(from).append(" into ").append(to).append(" (schema version ")
                .append(schemaVersion).append(")\n");
        int width = Math.max("table".length(), tables.stream().mapToInt(t -> t.table().length()).max().orElse(0));
        String format = "%-" + width + "s  %11s  %11s  %-16s  %-16s  %s%n";
        out.append(String.format(format, "table", "source rows", "target rows", "source sha256", "target sha256", ""));
        for (TableComparison table : tables) {
            out.append(String.format(format, table.table(), table.sourceRows(), table.targetRows(),
                    table.sourceSha256().substring(0, 16), table.targetSha256().substring(0, 16),
                    table.same() ? "same" : "DIFFERENT"));
        }
        long rows = tables.stream().mapToLong(TableComparison::targetRows).sum();
        out.append(tables.size()).append(" tables, ").append(rows).append(" rows\n");
        out.append(screenshots.describe()).append('\n');
        List<String> different = tables.stream().filter(t -> !t.same()).map(TableComparison::table).toList();
        if (matches()) {
            out.append("Every table matches the source.\n");
        } else {
            out.append("The copy does NOT match the source in ").append(String.join(", ", different))
                    .append(": if the school's console ran during the copy, stop it, make a new empty database and"
                            + " copy again; do not start a console on this one\n");
        }
        return out.toString();
    }
}
