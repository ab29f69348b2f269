package org.vigil.console.store.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tables of a migrated PostgreSQL console, read from its catalogue, in an order where every table comes after
 * the tables its foreign keys name: the order the copy fills them in.
 */
final class PostgresSchema {
    private PostgresSchema() {
    }

    /** Every table of the current schema except {@code skipped}, parents before children. */
    static List<TableShape> tables(Connection connection, Set<String> skipped) throws SQLException {
        Map<String, TableShape> shapes = new TreeMap<>();
        for (String table : names(connection)) {
            if (!skipped.contains(table)) {
                shapes.put(table, shape(connection, table));
            }
        }
        return parentsFirst(shapes, references(connection));
    }

    private static List<String> names(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.relname FROM pg_class c"
                + " WHERE c.relkind IN ('r', 'p') AND c.relnamespace = current_schema()::regnamespace"
                + " ORDER BY c.relname");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    private static TableShape shape(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<ColumnKind> kinds = new ArrayList<>();
        List<String> identity = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT column_name, data_type, is_identity"
                + " FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?"
                + " AND is_generated = 'NEVER' ORDER BY ordinal_position")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String column = rows.getString(1);
                    columns.add(column);
                    kinds.add(ColumnKind.ofPostgresType(table, column, rows.getString(2)));
                    if ("YES".equals(rows.getString(3))) {
                        identity.add(column);
                    }
                }
            }
        }
        List<String> key = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT a.attname FROM pg_index i"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                + " WHERE i.indrelid = (quote_ident(current_schema()) || '.' || quote_ident(?))::regclass"
                + " AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    key.add(rows.getString(1));
                }
            }
        }
        return new TableShape(table, columns, kinds, key, identity);
    }

    /** Child table to the parent tables its foreign keys name. */
    private static Map<String, Set<String>> references(Connection connection) throws SQLException {
        Map<String, Set<String>> parents = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT child.relname, parent.relname"
                + " FROM pg_constraint k JOIN pg_class child ON child.oid = k.conrelid"
                + " JOIN pg_class parent ON parent.oid = k.confrelid"
                + " WHERE k.contype = 'f' AND child.relnamespace = current_schema()::regnamespace");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                if (!rows.getString(1).equals(rows.getString(2))) {
                    parents.computeIfAbsent(rows.getString(1), table -> new TreeSet<>()).add(rows.getString(2));
                }
            }
        }
        return parents;
    }

    /** Kahn's order, alphabetical among tables that are ready together, so every run copies in the same order. */
    static List<TableShape> parentsFirst(Map<String, TableShape> shapes, Map<String, Set<String>> parents) {
        List<TableShape> ordered = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        while (ordered.size() < shapes.size()) {
            String ready = shapes.keySet().stream()
                    .filter(table -> !done.contains(table))
                    .filter(table -> parents.getOrDefault(table, Set.of()).stream()
                            .allMatch(parent -> done.contains(parent) || !shapes.containsKey(parent)))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the tables' foreign keys form a cycle among "
                            + shapes.keySet().stream().filter(table -> !done.contains(table)).toList()
                            + ": the copy cannot fill them one after another"));
            done.add(ready);
            ordered.add(shapes.get(ready));
        }
        return ordered;
    }
}
