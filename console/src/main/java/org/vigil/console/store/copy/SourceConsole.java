package org.vigil.console.store.copy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A school's SQLite console, opened to be read and never changed: no migration runs on it (a console at an older
 * schema version is refused, not upgraded behind the school's back), and nothing is written.
 */
public final class SourceConsole {
    static final String DATABASE_FILE = "vigil.db";
    private static final String MIGRATIONS = "classpath:db/migration/sqlite";

    private final Path dataDir;
    private final SQLiteDataSource dataSource;

    private SourceConsole(Path dataDir, SQLiteDataSource dataSource) {
        this.dataDir = dataDir;
        this.dataSource = dataSource;
    }

    /**
     * The console in {@code dataDir}, checked to be at the schema version this console program makes.
     *
     * @throws IllegalArgumentException if there is no console there
     * @throws IllegalStateException    if it is at an older or newer schema version
     */
    public static SourceConsole open(Path dataDir) {
        Path file = dataDir.resolve(DATABASE_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no console in " + dataDir.toAbsolutePath() + " (no " + DATABASE_FILE
                    + " there): check --from");
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        SourceConsole source = new SourceConsole(dataDir, dataSource);
        source.requireCurrentSchema();
        return source;
    }

    private void requireCurrentSchema() {
        MigrationInfoService info = Flyway.configure().dataSource(dataSource).locations(MIGRATIONS).load().info();
        if (info.pending().length > 0) {
            throw new IllegalStateException("the console in " + dataDir.toAbsolutePath() + " is at schema version "
                    + version(info) + ", older than this program's " + newest(info.pending()) + ": start that"
                    + " console once with this version (vigil-console serve --data " + dataDir + ") so it migrates"
                    + " its database, stop it, then copy again");
        }
        if (Arrays.stream(info.applied()).anyMatch(m -> m.getState() == MigrationState.FUTURE_SUCCESS)) {
            throw new IllegalStateException("the console in " + dataDir.toAbsolutePath() + " is at schema version "
                    + version(info) + ", newer than this program knows: copy it with the console version that"
                    + " made it");
        }
    }

    private static String version(MigrationInfoService info) {
        return info.current() == null ? "none" : "V" + info.current().getVersion();
    }

    private static String newest(MigrationInfo[] pending) {
        return "V" + pending[pending.length - 1].getVersion();
    }

    Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    public Path dataDir() {
        return dataDir;
    }

    public String describe() {
        return dataDir.resolve(DATABASE_FILE).toAbsolutePath().toString();
    }

    /** The newest schema version applied, as Flyway records it ({@code 33}). */
    static String schemaVersion(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT version FROM flyway_schema_history"
                + " WHERE success ORDER BY installed_rank DESC LIMIT 1");
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : "none";
        }
    }

    /** The source's tables (SQLite's own left out). */
    static Set<String> tables(Connection connection) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT name FROM sqlite_master"
                + " WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    /** A source table's columns, in its order. */
    static Set<String> columns(Connection connection, String table) throws SQLException {
        Set<String> columns = new LinkedHashSet<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT name FROM pragma_table_info(?)")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
        }
        return columns;
    }

    /** The screenshots the source's captures refer to, each once. */
    static List<ScreenshotRow> screenshots(Connection connection) throws SQLException {
        List<ScreenshotRow> out = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT screenshot_sha256,"
                + " screenshot_media_type, min(id) FROM captures WHERE screenshot_sha256 IS NOT NULL"
                + " GROUP BY screenshot_sha256, screenshot_media_type ORDER BY screenshot_sha256, screenshot_media_type");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                out.add(new ScreenshotRow(rows.getString(1), rows.getString(2), rows.getLong(3)));
            }
        }
        return out;
    }

    /** A screenshot a capture refers to, and the first capture that does (for messages). */
    record ScreenshotRow(String sha256, String mediaType, long firstCaptureId) {
    }
}
