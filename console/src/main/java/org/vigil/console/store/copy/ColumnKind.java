package org.vigil.console.store.copy;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * The kinds of value the console's schema holds (ADR 0170: whole numbers, text, and bytes), read and written the
 * same way on SQLite and on PostgreSQL so that a row copied reads back equal.
 */
enum ColumnKind {
    INTEGER(Types.BIGINT),
    TEXT(Types.VARCHAR),
    BYTES(Types.BINARY);

    private final int sqlType;

    ColumnKind(int sqlType) {
        this.sqlType = sqlType;
    }

    /**
     * The kind of a PostgreSQL column, by its {@code information_schema} data type.
     *
     * @throws IllegalStateException for a type the copy does not know how to carry over unchanged
     */
    static ColumnKind ofPostgresType(String table, String column, String dataType) {
        return switch (dataType) {
            case "bigint", "integer", "smallint" -> INTEGER;
            case "text", "character varying", "character" -> TEXT;
            case "bytea" -> BYTES;
            default -> throw new IllegalStateException("column " + table + "." + column + " is of type " + dataType
                    + ", which the copy does not know how to carry over unchanged");
        };
    }

    /**
     * The value in column {@code index}: a {@link Long}, a {@link String}, a {@code byte[]}, or null. SQLite keeps
     * whatever it was given, so a whole-number column holding anything else is refused, never turned into 0.
     */
    Object read(ResultSet rows, int index, String table, String column) throws SQLException {
        return switch (this) {
            case INTEGER -> {
                Object value = rows.getObject(index);
                if (value == null || value instanceof Long) {
                    yield value;
                }
                if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
                    yield ((Number) value).longValue();
                }
                throw new IllegalStateException("column " + table + "." + column + " holds " + describe(value)
                        + " where a whole number belongs: fix that row in the source before copying");
            }
            case TEXT -> rows.getString(index);
            case BYTES -> rows.getBytes(index);
        };
    }

    void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType);
            return;
        }
        switch (this) {
            case INTEGER -> statement.setLong(index, (Long) value);
            case TEXT -> statement.setString(index, (String) value);
            case BYTES -> statement.setBytes(index, (byte[]) value);
        }
    }

    private static String describe(Object value) {
        String text = String.valueOf(value);
        return value.getClass().getSimpleName() + " \"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                + "\"";
    }
}
