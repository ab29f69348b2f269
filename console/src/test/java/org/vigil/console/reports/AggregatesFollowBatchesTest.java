package org.vigil.console.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.vigil.console.store.Database;
import org.vigil.console.store.OnBothStores;
import org.vigil.console.store.StoreUnderTest;

/**
 * Statements of many captures (ingest's multi-row inserts, retention's batched deletes, triage over several rows)
 * keep every aggregate equal to a recount over the captures (ADR 0202: on PostgreSQL a trigger per statement counts
 * the statement's rows grouped; on SQLite the row triggers do). The batches span two schools, a month's end, every
 * category and status, logins differing only in case, reviewed and unreviewed captures, and resent events that the
 * insert skips.
 */
class AggregatesFollowBatchesTest {
    private static final String[] CATEGORIES = {"bullying", "drugs", "self-harm", "suicide"};
    private static final String[] STATUSES = {"NEW", "NEW", "IN_REVIEW", "ESCALATED", "FALSE_POSITIVE"};
    private static final Instant START = Instant.parse("2026-09-27T00:00:00Z"); // a week across September's end
    private static final String ROW = "(?, ?, ?, ?, ?, ?, 'window', 'app', ?, ?, 'r:1', 'matched', 'the context', 0, 7,"
            + " 'why', ?, ?, ?, ?)";

    private final Random random = new Random(202);
    private long seq;

    @OnBothStores
    void multiRowInsertsUpdatesAndDeletesKeepEveryAggregateExact(StoreUnderTest store) {
        try (Database database = store.open()) {
            SeededCaptures seed = new SeededCaptures(database);
            long[] schools = {1, seed.school("oak")};

            List<Object[]> first = rows(200, schools);
            assertEquals(200, insert(seed, first));
            AggregateRecount.assertMatches(seed, store.kind());

            List<Object[]> second = rows(150, schools);
            second.addAll(first.subList(0, 50)); // resent: skipped by ON CONFLICT, so not counted again
            Collections.shuffle(second, random);
            assertEquals(150, insert(seed, second));
            assertEquals(350, seed.count("SELECT count(*) FROM captures"));
            AggregateRecount.assertMatches(seed, store.kind());

            assertEquals(0, insert(seed, first.subList(0, 64)), "a batch of nothing but resent events");
            assertEquals(350, seed.count("SELECT sum(captures) FROM report_days"));
            AggregateRecount.assertMatches(seed, store.kind());

            Instant triaged = START.plus(Duration.ofDays(9));
            seed.sql("UPDATE captures SET status = 'FALSE_POSITIVE', status_changed_at = ? WHERE id % 4 = 0"
                    + " AND status <> 'FALSE_POSITIVE'", triaged.toEpochMilli());
            seed.sql("UPDATE captures SET first_opened_at = ? WHERE id % 5 = 0 AND first_opened_at IS NULL",
                    triaged.plusSeconds(60).toEpochMilli());
            seed.sql("UPDATE captures SET school_id = ? WHERE id % 7 = 0", schools[1]);
            long closing = seed.count("SELECT min(id) FROM captures WHERE status = 'ESCALATED'");
            seed.close(closing, "PARENTS_INFORMED", triaged.plus(Duration.ofHours(3)));
            AggregateRecount.assertMatches(seed, store.kind());

            long cutoff = START.plus(Duration.ofDays(4)).toEpochMilli();
            long purged = seed.count("SELECT count(*) FROM captures WHERE occurred_at < ?", cutoff);
            assertTrue(purged > 50 && purged < 300, "the purge takes some, not all: " + purged);
            seed.sql("DELETE FROM captures WHERE occurred_at < ?", cutoff);
            assertEquals(350 - purged, seed.count("SELECT sum(captures) FROM report_days"));
            AggregateRecount.assertMatches(seed, store.kind());

            seed.sql("DELETE FROM captures");
            for (String table : new String[] {"report_days", "report_weeks", "report_months", "report_category_weeks",
                "report_category_months", "report_delays"}) {
                assertEquals(0, seed.count("SELECT count(*) FROM " + table + " WHERE captures <> 0"), table);
            }
            assertEquals(0, seed.count("SELECT count(*) FROM report_pupil_months"
                    + " WHERE concerns <> 0 OR false_positives <> 0"));
            AggregateRecount.assertMatches(seed, store.kind());
        }
    }

    private List<Object[]> rows(int count, long[] schools) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long occurred = START.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 8))).toEpochMilli();
            long received = occurred + random.nextInt(600_000);
            String status = STATUSES[random.nextInt(STATUSES.length)];
            Long reviewed = status.equals("NEW") ? null : received + random.nextInt(3 * 86_400_000);
            String login = (random.nextBoolean() ? "Pupil" : "pupil") + random.nextInt(6);
            rows.add(new Object[] {"event-" + seq, SeededCaptures.DEVICE, ++seq, occurred, received, login,
                CATEGORIES[random.nextInt(CATEGORIES.length)], 1 + random.nextInt(5),
                schools[random.nextInt(schools.length)], status, reviewed == null ? null : received, reviewed});
        }
        return rows;
    }

    /** The rows in one INSERT statement, as ingest writes a batch; returns how many it stored. */
    private static long insert(SeededCaptures seed, List<Object[]> rows) {
        String sql = "INSERT INTO captures (event_id, device_id, seq, occurred_at, received_at, os_user, window_title,"
                + " app, category, severity, rule_id, matched_text, context, match_start, match_end, explanation,"
                + " school_id, status, status_changed_at, first_reviewed_at) VALUES "
                + String.join(", ", Collections.nCopies(rows.size(), ROW))
                + " ON CONFLICT (device_id, event_id) DO NOTHING";
        long before = seed.count("SELECT count(*) FROM captures");
        seed.sql(sql, rows.stream().flatMap(java.util.Arrays::stream).toArray());
        return seed.count("SELECT count(*) FROM captures") - before;
    }
}
