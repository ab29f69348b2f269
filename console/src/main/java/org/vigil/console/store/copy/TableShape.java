package org.vigil.console.store.copy;

import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One table as both databases hold it: its columns and their kinds, the key its rows are copied and hashed in the
 * order of (the primary key, else every column), and its identity columns, whose sequences the copy moves on.
 */
record TableShape(String name, List<String> columns, List<ColumnKind> kinds, List<String> key,
                  List<String> identityColumns) {

    TableShape {
        columns = List.copyOf(columns);
        kinds = List.copyOf(kinds);
        key = key.isEmpty() ? List.copyOf(columns) : List.copyOf(key);
        identityColumns = List.copyOf(identityColumns);
    }

    /**
     * Every row, in key order, the same order on both: text in byte order (SQLite's BINARY, PostgreSQL's "C") and
     * nulls first (SQLite's way; PostgreSQL puts them last unless told).
     */
    String selectInKeyOrder(Dialect dialect) {
        return "SELECT " + columnList() + " FROM " + quote(name) + " ORDER BY " + key.stream()
                .map(column -> quote(column) + (dialect == Dialect.POSTGRESQL
                        ? (kinds.get(columns.indexOf(column)) == ColumnKind.TEXT ? " COLLATE \"C\"" : "")
                        + " NULLS FIRST" : ""))
                .collect(Collectors.joining(", "));
    }

    /** An insert that keeps the ids the source gave (identity columns included). */
    String insert() {
        return "INSERT INTO " + quote(name) + " (" + columnList() + ")"
                + (identityColumns.isEmpty() ? "" : " OVERRIDING SYSTEM VALUE")
                + " VALUES (" + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }

    String columnList() {
        return columns.stream().map(TableShape::quote).collect(Collectors.joining(", "));
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The two databases the copy reads. */
    enum Dialect { SQLITE, POSTGRESQL }
}
