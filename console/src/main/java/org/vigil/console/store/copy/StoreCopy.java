package org.vigil.console.store.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.store.Database;
import org.vigil.console.store.ScreenshotStore;
import org.vigil.console.store.StoreException;

/**
 * Copies a school's SQLite console into an empty PostgreSQL console database at the same schema version, for a
 * school that joins a trust (ADR 0178): the screenshots first, each read back from the target and checked against
 * its SHA-256, then every table's rows in one PostgreSQL transaction, parents before children and each in key
 * order, in batches, keeping the ids and moving the identity sequences past them; then a row count and a SHA-256
 * per table, computed the same way on both sides. An interrupted copy commits no row, so the target is left as
 * empty as it was and the next run starts again from the beginning; screenshots it had copied are stored again
 * (the stores are content-addressed).
 */
public final class StoreCopy {
    /** Tables the migrations themselves fill (default alert rules, school hours, report buckets): replaced. */
    public static final Set<String> SEEDED_BY_MIGRATIONS = Set.of("alert_rules", "alert_school_hours", "schools",
            "report_delay_buckets");
    /** Not rows of the console: Flyway's own history, and the screenshot store's table (copied as screenshots). */
    static final Set<String> NOT_COPIED_AS_ROWS = Set.of("flyway_schema_history", "screenshot_images");
    public static final int DEFAULT_BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(StoreCopy.class);

    private final SourceConsole source;
    private final ScreenshotStore sourceScreenshots;
    private final Database target;
    private final ScreenshotStore targetScreenshots;
    private final int batchSize;
    private final CopyProgress progress;

    public StoreCopy(SourceConsole source, ScreenshotStore sourceScreenshots, Database target,
                     ScreenshotStore targetScreenshots, int batchSize, CopyProgress progress) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch needs at least one row, got " + batchSize);
        }
        this.source = source;
        this.sourceScreenshots = sourceScreenshots;
        this.target = target;
        this.targetScreenshots = targetScreenshots;
        this.batchSize = batchSize;
        this.progress = progress;
    }

    /**
     * Checks both sides, copies, compares.
     *
     * @throws IllegalStateException in words, when the two are at different schema versions, their tables differ,
     *                               the target holds data already, a screenshot cannot be stored or read back, or the
     *                               copy of the rows failed (and was rolled back)
     */
    public CopyReport run() {
        try {
            List<TableShape> tables;
            String version;
            try (Connection from = source.connect(); Connection to = target.connect()) {
                version = sameSchemaVersion(from, to);
                tables = PostgresSchema.tables(to, NOT_COPIED_AS_ROWS);
                sameTables(from, tables);
                requireEmpty(to, tables);
            }
            ScreenshotsCopied screenshots = copyScreenshots();
            copyRows(tables);
            return new CopyReport(source.describe(), target.describe(), "V" + version, compare(tables), screenshots);
        } catch (SQLException e) {
            throw new StoreException("the copy could not read " + source.describe() + " or " + target.describe(), e);
        }
    }

    private String sameSchemaVersion(Connection from, Connection to) throws SQLException {
        String sourceVersion = SourceConsole.schemaVersion(from);
        String targetVersion = SourceConsole.schemaVersion(to);
        if (!sourceVersion.equals(targetVersion)) {
            throw new IllegalStateException("the database " + target.describe() + " is at schema version V"
                    + targetVersion + " and the console in " + source.dataDir().toAbsolutePath() + " at V"
                    + sourceVersion + ": both must be at the same version");
        }
        return sourceVersion;
    }

    private void sameTables(Connection from, List<TableShape> tables) throws SQLException {
        Set<String> sourceTables = new TreeSet<>(SourceConsole.tables(from));
        sourceTables.removeAll(NOT_COPIED_AS_ROWS);
        Set<String> targetTables = new TreeSet<>(tables.stream().map(TableShape::name).toList());
        if (!sourceTables.equals(targetTables)) {
            Set<String> onlySource = new TreeSet<>(sourceTables);
            onlySource.removeAll(targetTables);
            Set<String> onlyTarget = new TreeSet<>(targetTables);
            onlyTarget.removeAll(sourceTables);
            throw new IllegalStateException("the two databases have different tables (only in the source: "
                    + onlySource + "; only in the target: " + onlyTarget + "): the copy needs the same schema on both");
        }
        for (TableShape table : tables) {
            Set<String> sourceColumns = SourceConsole.columns(from, table.name());
            if (!new TreeSet<>(sourceColumns).equals(new TreeSet<>(table.columns()))) {
                throw new IllegalStateException("table " + table.name() + " has columns " + sourceColumns
                        + " in the source and " + table.columns() + " in the target: the copy needs the same schema"
                        + " on both");
            }
        }
    }

    /** Only a database as its migrations left it: the copy never mixes a school's records into others. */
    private void requireEmpty(Connection to, List<TableShape> tables) throws SQLException {
        Map<String, Long> holding = new TreeMap<>();
        for (TableShape table : tables) {
            if (SEEDED_BY_MIGRATIONS.contains(table.name())) {
                continue;
            }
            long rows = count(to, table.name());
            if (rows > 0) {
                holding.put(table.name(), rows);
            }
        }
        if (!holding.isEmpty()) {
            throw new IllegalStateException("the database " + target.describe() + " holds data already ("
                    + holding.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue() + " rows").limit(6)
                    .reduce((a, b) -> a + ", " + b).orElse("") + (holding.size() > 6 ? ", …" : "") + "): the copy"
                    + " goes only into a new, empty database; nothing was copied");
        }
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + TableShape.quote(table))) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private ScreenshotsCopied copyScreenshots() throws SQLException {
        List<SourceConsole.ScreenshotRow> referenced;
        try (Connection from = source.connect()) {
            referenced = SourceConsole.screenshots(from);
        }
        List<String> lost = new ArrayList<>();
        int copied = 0;
        for (SourceConsole.ScreenshotRow screenshot : referenced) {
            Optional<byte[]> bytes;
            try {
                bytes = sourceScreenshots.get(screenshot.sha256(), screenshot.mediaType());
            } catch (StoreException e) {
                lost.add(screenshot.sha256() + " (capture " + screenshot.firstCaptureId() + "): " + e.getMessage());
                continue;
            }
            if (bytes.isEmpty()) {
                lost.add(screenshot.sha256() + " (capture " + screenshot.firstCaptureId() + "): not in "
                        + sourceScreenshots.describe());
                continue;
            }
            ScreenshotStore.StoredScreenshot stored = targetScreenshots.put(bytes.get(), screenshot.mediaType());
            byte[] readBack = targetScreenshots.get(stored.sha256(), stored.mediaType()).orElseThrow(() ->
                    new IllegalStateException("screenshot " + screenshot.sha256() + " is not in "
                            + targetScreenshots.describe() + " just after it was stored there: nothing was copied"));
            if (!stored.sha256().equals(screenshot.sha256()) || !Arrays.equals(readBack, bytes.get())) {
                throw new IllegalStateException("screenshot " + screenshot.sha256() + " read back from "
                        + targetScreenshots.describe() + " differs from the source's: nothing was copied");
            }
            copied++;
        }
        return new ScreenshotsCopied(referenced.size(), copied, lost, targetScreenshots.describe());
    }

    /**
     * One transaction for every row: a copy stopped anywhere (a kill, a lost connection, a refused row) leaves the
     * target as it was. The tables' own triggers are off while they are filled, in the same transaction: the
     * report aggregates and the append-only guards describe changes a console makes, and a copy is not one (the
     * source's aggregates are copied as they are). Foreign keys stay checked.
     */
    private void copyRows(List<TableShape> tables) throws SQLException {
        String current = "(none yet)";
        try (Connection from = source.connect(); Connection to = target.connect()) {
            from.setAutoCommit(false); // one snapshot of the source for the whole copy
            to.setAutoCommit(false);
            try {
                for (TableShape table : tables) {
                    current = table.name();
                    LOG.info("copied {} rows of {}", copyTable(from, to, table), table.name());
                }
                resetIdentities(to, tables);
                to.commit();
                from.rollback();
            } catch (SQLException | RuntimeException e) {
                rollBackQuietly(to, e);
                rollBackQuietly(from, e);
                throw new IllegalStateException("the copy stopped in table " + current + " and was rolled back, so "
                        + target.describe() + " holds no row from it: " + reason(e) + "; run the copy again", e);
            }
        }
    }

    private long copyTable(Connection from, Connection to, TableShape table) throws SQLException {
        try (Statement statement = to.createStatement()) {
            statement.execute("ALTER TABLE " + TableShape.quote(table.name()) + " DISABLE TRIGGER USER");
            if (SEEDED_BY_MIGRATIONS.contains(table.name())) {
                statement.execute("DELETE FROM " + TableShape.quote(table.name()));
            }
        }
        long rowsWritten = 0;
        try (PreparedStatement select = from.prepareStatement(table.selectInKeyOrder(TableShape.Dialect.SQLITE));
             PreparedStatement insert = to.prepareStatement(table.insert())) {
            select.setFetchSize(batchSize);
            int inBatch = 0;
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    for (int i = 0; i < table.columns().size(); i++) {
                        ColumnKind kind = table.kinds().get(i);
                        kind.bind(insert, i + 1, kind.read(rows, i + 1, table.name(), table.columns().get(i)));
                    }
                    insert.addBatch();
                    if (++inBatch == batchSize) {
                        insert.executeBatch();
                        rowsWritten += inBatch;
                        inBatch = 0;
                        progress.batchWritten(table.name(), rowsWritten);
                    }
                }
            }
            if (inBatch > 0) {
                insert.executeBatch();
                rowsWritten += inBatch;
                progress.batchWritten(table.name(), rowsWritten);
            }
        }
        try (Statement statement = to.createStatement()) {
            statement.execute("ALTER TABLE " + TableShape.quote(table.name()) + " ENABLE TRIGGER USER");
        }
        return rowsWritten;
    }

    /** The next id each identity column hands out comes after the highest one copied. */
    private static void resetIdentities(Connection to, List<TableShape> tables) throws SQLException {
        for (TableShape table : tables) {
            for (String column : table.identityColumns()) {
                try (PreparedStatement statement = to.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?),"
                        + " GREATEST(COALESCE(max(" + TableShape.quote(column) + "), 1), 1),"
                        + " max(" + TableShape.quote(column) + ") IS NOT NULL) FROM " + TableShape.quote(table.name()))) {
                    statement.setString(1, TableShape.quote(table.name()));
                    statement.setString(2, column);
                    statement.executeQuery().close();
                }
            }
        }
    }

    private List<TableComparison> compare(List<TableShape> tables) throws SQLException {
        List<TableComparison> out = new ArrayList<>();
        try (Connection from = source.connect(); Connection to = target.connect()) {
            from.setAutoCommit(false);
            to.setAutoCommit(false);
            for (TableShape table : tables) {
                TableDigest sourceDigest = TableDigest.of(from, table, TableShape.Dialect.SQLITE);
                TableDigest targetDigest = TableDigest.of(to, table, TableShape.Dialect.POSTGRESQL);
                out.add(new TableComparison(table.name(), sourceDigest.rows(), sourceDigest.sha256(),
                        targetDigest.rows(), targetDigest.sha256()));
            }
            from.rollback();
            to.rollback();
        }
        return out;
    }

    private static void rollBackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** The first line of what went wrong; for a failed batch, PostgreSQL's reason for the row it refused. */
    private static String reason(Throwable e) {
        if (e instanceof SQLException sql && sql.getNextException() != null) {
            e = sql.getNextException();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }
}
