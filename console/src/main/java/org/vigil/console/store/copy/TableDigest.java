package org.vigil.console.store.copy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * A table's row count and the SHA-256 of all its rows in key order, computed the same way whichever database holds
 * the table: each value is fed to the hash with its kind and length (a null, a whole number, text as UTF-8, bytes),
 * so two tables hash alike only if they hold the same values in the same rows.
 */
record TableDigest(long rows, String sha256) {
    private static final byte NULL = 0;
    private static final byte WHOLE_NUMBER = 1;
    private static final byte TEXT = 2;
    private static final byte BYTES = 3;

    static TableDigest of(Connection connection, TableShape table, TableShape.Dialect dialect) throws SQLException {
        MessageDigest digest = newDigest();
        long count = 0;
        try (PreparedStatement statement = connection.prepareStatement(table.selectInKeyOrder(dialect))) {
            statement.setFetchSize(1_000);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    for (int i = 0; i < table.columns().size(); i++) {
                        feed(digest, table.kinds().get(i).read(rows, i + 1, table.name(), table.columns().get(i)));
                    }
                    count++;
                }
            }
        }
        return new TableDigest(count, HexFormat.of().formatHex(digest.digest()));
    }

    private static void feed(MessageDigest digest, Object value) {
        if (value == null) {
            digest.update(NULL);
        } else if (value instanceof Long number) {
            digest.update(WHOLE_NUMBER);
            digest.update(ByteBuffer.allocate(Long.BYTES).putLong(number).array());
        } else if (value instanceof String text) {
            feedBytes(digest, TEXT, text.getBytes(StandardCharsets.UTF_8));
        } else {
            feedBytes(digest, BYTES, (byte[]) value);
        }
    }

    private static void feedBytes(MessageDigest digest, byte kind, byte[] bytes) {
        digest.update(kind);
        digest.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
