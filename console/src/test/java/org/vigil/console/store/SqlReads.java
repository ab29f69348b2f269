package org.vigil.console.store;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** What a store test reads back with plain SQL: one number, or a column of numbers or texts. */
public final class SqlReads {
    private SqlReads() {
    }

    /** The first column of the first row, as a number ({@code count(*)}, an id). */
    public static long count(Database database, String sql) {
        return database.withConnection(connection -> {
            try (var statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** The first column of every row, as numbers. */
    public static List<Long> longs(Database database, String sql) {
        return column(database, sql).stream().map(Long::valueOf).toList();
    }

    /** The first column of every row, as text. */
    public static List<String> texts(Database database, String sql) {
        return column(database, sql);
    }

    private static List<String> column(Database database, String sql) {
        return database.withConnection(connection -> {
            try (var statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(rows.getString(1));
                }
                return out;
            }
        });
    }
}
