package org.vigil.console.pupils;

/** One thing wrong in an import: the line (1 is the header), the column, if one is to blame, and why. */
public record ImportProblem(int line, String column, String reason) {

    @Override
    public String toString() {
        return "line " + line + (column.isEmpty() ? "" : ", " + column) + ": " + reason;
    }
}
