package org.vigil.console.store.postgresql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.vigil.console.store.ContentAddress;
import org.vigil.console.store.Database;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.ScreenshotStore;

/**
 * Screenshots as rows of the console's own PostgreSQL database (ADR 0179), table {@code screenshot_images}:
 * addressed by SHA-256 and type like the file and object stores, the bytes checked against the address on every
 * read. A put made inside the capture's transaction commits with the capture's row, or not at all; storing the
 * same image again only moves its {@code stored_at} on (the console's clock), which is what retention compares.
 */
public final class PostgresScreenshotStore implements ScreenshotStore {
    private final Database database;

    public PostgresScreenshotStore(Database database) {
        this.database = database;
    }

    @Override
    public StoredScreenshot put(byte[] data, String mediaType) {
        String sha256 = Hashes.sha256Hex(data);
        ContentAddress.relativePath(sha256, mediaType); // refuses a type that is not an image
        long now = System.currentTimeMillis();
        database.inTransaction(connection -> {
            try (PreparedStatement touch = connection.prepareStatement("UPDATE screenshot_images SET stored_at = ?"
                    + " WHERE sha256 = ? AND media_type = ?")) {
                touch.setLong(1, now);
                touch.setString(2, sha256);
                touch.setString(3, mediaType);
                if (touch.executeUpdate() > 0) {
                    return null; // stored before: no second copy of the bytes
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO screenshot_images"
                    + " (sha256, media_type, data, stored_at) VALUES (?, ?, ?, ?)"
                    + " ON CONFLICT (sha256, media_type) DO UPDATE SET stored_at = excluded.stored_at")) {
                insert.setString(1, sha256);
                insert.setString(2, mediaType);
                insert.setBytes(3, data);
                insert.setLong(4, now);
                insert.executeUpdate();
            }
            return null;
        });
        return new StoredScreenshot(sha256, mediaType);
    }

    @Override
    public Optional<byte[]> get(String sha256, String mediaType) {
        String where = ContentAddress.relativePath(sha256, mediaType);
        Optional<byte[]> data = database.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT data FROM screenshot_images"
                    + " WHERE sha256 = ? AND media_type = ?")) {
                select.setString(1, sha256);
                select.setString(2, mediaType);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
        return data.map(bytes -> ContentAddress.verified(sha256, bytes, describe() + " " + where));
    }

    @Override
    public boolean exists(String sha256, String mediaType) {
        ContentAddress.relativePath(sha256, mediaType);
        return database.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM screenshot_images"
                    + " WHERE sha256 = ? AND media_type = ?")) {
                select.setString(1, sha256);
                select.setString(2, mediaType);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /** One statement: the check and the delete cannot be split by a capture storing the image again. */
    @Override
    public void deleteIfNotStoredSince(String sha256, String mediaType, Instant since) {
        ContentAddress.relativePath(sha256, mediaType);
        database.withConnection(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM screenshot_images"
                    + " WHERE sha256 = ? AND media_type = ? AND stored_at < ?")) {
                delete.setString(1, sha256);
                delete.setString(2, mediaType);
                delete.setLong(3, since.toEpochMilli());
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public int removeUnused(Predicate<String> inUse, Instant before) {
        List<String[]> old = database.withConnection(connection -> {
            List<String[]> out = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT sha256, media_type"
                    + " FROM screenshot_images WHERE stored_at < ? ORDER BY sha256")) {
                select.setLong(1, before.toEpochMilli());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        out.add(new String[] {rows.getString(1), rows.getString(2)});
                    }
                }
            }
            return out;
        });
        int removed = 0;
        for (String[] image : old) {
            if (!inUse.test(image[0])) {
                removed += database.withConnection(connection -> {
                    // stored again since the list was read: a capture uses it now
                    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM screenshot_images"
                            + " WHERE sha256 = ? AND media_type = ? AND stored_at < ?")) {
                        delete.setString(1, image[0]);
                        delete.setString(2, image[1]);
                        delete.setLong(3, before.toEpochMilli());
                        return delete.executeUpdate();
                    }
                });
            }
        }
        return removed;
    }

    @Override
    public String describe() {
        return "the table screenshot_images in " + database.describe();
    }
}
