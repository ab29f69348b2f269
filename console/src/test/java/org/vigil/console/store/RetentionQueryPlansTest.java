package org.vigil.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every statement the retention purge runs per batch (ADR 0144) reads SQLite's plan for a real, migrated console
 * database: each goes through an index, none scans a table or sorts. A purge of 1,000,000 captures runs each of
 * them thousands of times, so one scan or sort there is what made it slow (bench/README.md, "Retention purge").
 */
class RetentionQueryPlansTest {
    @TempDir
    Path dir;

    private Database database;
    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        database = Database.open(dir.resolve("vigil.db"));
        connection = database.connect();
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
        database.close();
    }

    @Test
    void eachRuleReadsItsBatchOffTheDecidedIndexWithoutASort() throws SQLException {
        for (PurgeRule rule : PurgeRule.values()) {
            String plan = planOf(RetentionRepository.capturesDueSql(rule));
            assertIndexedWithoutSort(plan);
            assertTrue(plan.contains("captures_decided"), rule + ":\n" + plan);
        }
    }

    @Test
    void theScreenshotPassReadsOnlyCapturesThatStillHaveOneInIndexOrder() throws SQLException {
        String plan = planOf(RetentionRepository.screenshotsDueSql());
        assertIndexedWithoutSort(plan);
        assertTrue(plan.contains("captures_screenshot_due"), plan);
    }

    @Test
    void everyStatementOfABatchSearchesByItsIndex() throws SQLException {
        List<String> statements = new ArrayList<>(RetentionRepository.DELETE_CAPTURES);
        statements.addAll(List.of(RetentionRepository.SCREENSHOTS_OF, RetentionRepository.REDACT_AUDIT,
                RetentionRepository.CLEAR_SCREENSHOTS, RetentionRepository.SCREENSHOTS_IN_USE));
        for (String sql : statements) {
            assertIndexedWithoutSort(planOf(RetentionRepository.inList(sql, 200)));
        }
    }

    /**
     * Foreign keys are enforced: deleting a capture makes SQLite look for rows that refer to it in every table that
     * references captures, and without an index on the referring column that is a scan of the table per capture
     * deleted (exception_proposals had none before V33). EXPLAIN QUERY PLAN does not show those lookups.
     */
    @Test
    void everyColumnReferringToACaptureIsIndexed() throws SQLException {
        List<String> unindexed = new ArrayList<>();
        for (String table : strings("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            for (String column : strings("SELECT \"from\" FROM pragma_foreign_key_list('" + table + "')"
                    + " WHERE \"table\" = 'captures'")) {
                boolean primaryKey = !strings("SELECT name FROM pragma_table_info('" + table + "') WHERE pk = 1"
                        + " AND name = '" + column + "'").isEmpty();
                boolean leadsAnIndex = !strings("SELECT l.name FROM pragma_index_list('" + table + "') l"
                        + " WHERE l.partial = 0 AND (SELECT i.name FROM pragma_index_info(l.name) i"
                        + " WHERE i.seqno = 0) = '" + column + "'").isEmpty();
                if (!primaryKey && !leadsAnIndex) {
                    unindexed.add(table + "." + column);
                }
            }
        }
        assertEquals(List.of(), unindexed, "columns referring to captures with no index of their own");
        assertTrue(strings("SELECT name FROM sqlite_master WHERE type = 'table'").contains("exception_proposals"));
    }

    private static void assertIndexedWithoutSort(String plan) {
        for (String line : plan.lines().toList()) {
            assertTrue(!line.matches(".*\\bSCAN\\b.*") && !line.contains("TEMP B-TREE"), plan);
        }
        assertTrue(plan.contains("SEARCH"), plan);
    }

    private String planOf(String sql) throws SQLException {
        StringBuilder plan = new StringBuilder(sql).append('\n');
        try (PreparedStatement statement = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                plan.append(rows.getString("detail")).append('\n');
            }
        }
        return plan.toString();
    }

    private List<String> strings(String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
