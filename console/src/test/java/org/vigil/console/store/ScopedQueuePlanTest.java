package org.vigil.console.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A school's queue is read straight off an index in queue order (ADR 0175), as the whole console's is: SQLite's plan
 * for the scoped queue statement on a real, migrated console database searches the school's index and never sorts.
 */
class ScopedQueuePlanTest {
    @TempDir
    Path dir;

    @Test
    void aSchoolsQueueAndItsStatusTabSearchTheSchoolsIndexWithoutASort() throws SQLException {
        SchoolScope oneSchool = new SchoolScope(Set.of(2L), false);
        try (Database database = Database.open(dir.resolve("vigil.db")); Connection connection = database.connect()) {
            String all = planOf(connection, TriageRepository.queueQuery(QueueFilter.none(), Optional.empty(), 51,
                    oneSchool));
            assertTrue(all.contains("USING INDEX captures_school_queue "), all);
            assertFalse(all.contains("TEMP B-TREE"), all);
            String tab = planOf(connection, TriageRepository.queueQuery(QueueFilter.byStatus(CaptureStatus.NEW),
                    Optional.of(new QueueCursor(5, 1, 1)), 51, oneSchool));
            assertTrue(tab.contains("USING INDEX captures_school_queue_by_status"), tab);
            assertFalse(tab.contains("TEMP B-TREE"), tab);
            String whole = planOf(connection, TriageRepository.queueQuery(QueueFilter.byStatus(CaptureStatus.NEW),
                    Optional.empty(), 51, SchoolScope.ONE_SCHOOL_CONSOLE));
            // no school condition (the pupil join names the capture's school since ADR 0205: that is no filter)
            assertTrue(whole.contains("USING INDEX captures_queue_by_status ") && !whole.contains("TEMP B-TREE")
                    && !whole.contains("c.school_id IN"), "a one-school console's queue is as before: " + whole);
        }
    }

    private static String planOf(Connection connection, TriageRepository.Query query) throws SQLException {
        StringBuilder plan = new StringBuilder(query.sql()).append('\n');
        try (PreparedStatement statement = connection.prepareStatement("EXPLAIN QUERY PLAN " + query.sql())) {
            for (int i = 0; i < query.args().size(); i++) {
                statement.setObject(i + 1, query.args().get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    plan.append(rows.getString("detail")).append('\n');
                }
            }
        }
        return plan.toString();
    }
}
