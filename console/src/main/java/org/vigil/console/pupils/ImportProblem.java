package org.vigil.console.pupils;

/**
 * One thing wrong in an import: the line (1 is the header; 0 for a directory entry, which {@code column} then names
 * by its DN), the column, if one is to blame, and why.
 */
public record ImportProblem(int line, String column, String reason) {

    @Override
    public String toString() {
        String where = line > 0 ? "line " + line + (column.isEmpty() ? "" : ", " + column) : column;
        return (where.isEmpty() ? "" : where + ": ") + reason;
    }
}
