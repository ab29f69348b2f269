package org.vigil.console.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.vigil.console.store.Database;
import org.vigil.console.store.OnBothStores;
import org.vigil.console.store.StoreUnderTest;
import org.vigil.console.store.StoreBackend;

/**
 * The aggregates (daily, weekly and monthly, per category, per login, the delays; per school since V45) stay equal
 * to a count over the captures themselves, whatever writes them: inserts into two schools, triage moves, openings,
 * closing, a capture moved to the other school, deletion (retention's purge and "delete now" both delete rows), and
 * a database that had captures before the aggregates existed.
 */
class AggregatesFollowCapturesTest {
    private static final String[] CATEGORIES = {"bullying", "drugs", "self-harm", "suicide"};
    private static final String[] MOVES = {"IN_REVIEW", "ESCALATED", "NO_FURTHER_ACTION", "FALSE_POSITIVE"};

    @OnBothStores
    void aggregatesEqualARecountAfterEveryKindOfWrite(StoreUnderTest store) {
        try (Database database = store.open()) {
            SeededCaptures seed = new SeededCaptures(database);
            long[] schools = {1, seed.school("oak")};
            Random random = new Random(15);
            List<Long> live = new ArrayList<>();
            Set<Long> closed = new HashSet<>();
            Instant start = Instant.parse("2026-09-01T00:00:00Z");
            for (int step = 0; step < 600; step++) {
                int op = random.nextInt(11);
                if (op < 5 || live.isEmpty()) {
                    Instant at = start.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 70)));
                    live.add(seed.add(at, CATEGORIES[random.nextInt(CATEGORIES.length)], 1 + random.nextInt(5),
                            random.nextBoolean() ? "Pupil" + random.nextInt(5) : "pupil" + random.nextInt(5),
                            schools[random.nextInt(schools.length)]));
                    continue;
                }
                long id = live.get(random.nextInt(live.size()));
                Instant when = start.plus(Duration.ofDays(71 + random.nextInt(30)));
                if (closed.contains(id)) {
                    continue;
                }
                switch (op) {
                    case 5, 6 -> seed.status(id, MOVES[random.nextInt(MOVES.length)], when);
                    case 7 -> seed.opened(id, when);
                    case 10 -> seed.moveTo(id, schools[random.nextInt(schools.length)]);
                    case 8 -> {
                        seed.close(id, "PARENTS_INFORMED", when);
                        closed.add(id);
                    }
                    default -> {
                        seed.delete(id);
                        live.remove(id);
                    }
                }
            }
            assertTrue(closed.size() > 10 && live.size() > 100, "the walk did some of everything");
            assertTrue(seed.count("SELECT count(DISTINCT school_id) FROM captures") == 2, "both schools hold some");
            assertMatchesRecount(seed, store.kind());
        }
    }

    @OnBothStores
    void capturesStoredBeforeTheAggregatesExistedAreCounted(StoreUnderTest store) {
        try (StoreBackend backend = store.backendMigratedTo("27")) {
            try (var connection = backend.dataSource().getConnection(); var statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO devices (id, secret_sha256, hostname, os, agent_version, os_user,"
                        + " enrolled_at) VALUES ('d', 'x', 'h', 'linux', '1', 'u', 0)");
                String insert = "INSERT INTO captures (event_id, device_id, seq, occurred_at, received_at, os_user,"
                        + " window_title, app, category, severity, rule_id, matched_text, context, match_start,"
                        + " match_end, explanation, status, status_changed_at, first_opened_at) VALUES ";
                long day = 86_400_000L * 20_400;
                statement.executeUpdate(insert + "('e1', 'd', 1, " + day + ", " + day + ", 'A', 'w', 'a', 'drugs', 3,"
                        + " 'r', 'm', 'c', 0, 1, 'x', 'NEW', NULL, NULL)");
                statement.executeUpdate(insert + "('e2', 'd', 2, " + day + ", " + day + ", 'a', 'w', 'a', 'drugs', 3,"
                        + " 'r', 'm', 'c', 0, 1, 'x', 'FALSE_POSITIVE', " + (day + 600_000) + ", NULL)");
                statement.executeUpdate(insert + "('e3', 'd', 3, " + day + ", " + day + ", 'b', 'w', 'a', 'suicide',"
                        + " 5, 'r', 'm', 'c', 0, 1, 'x', 'IN_REVIEW', " + (day + 7_200_000) + ", " + (day + 60_000)
                        + ")");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        try (Database database = store.open()) {
            SeededCaptures seed = new SeededCaptures(database);
            assertEquals(1, seed.count("SELECT captures FROM report_days WHERE category = 'drugs' AND status = 'NEW'"));
            assertEquals(1, seed.count("SELECT concerns FROM report_pupil_days WHERE login = 'a'"));
            assertEquals(1, seed.count("SELECT false_positives FROM report_pupil_days WHERE login = 'a'"));
            assertEquals(60_000, seed.count("SELECT first_reviewed_at - received_at FROM captures WHERE event_id = 'e3'"),
                    "opened a minute after it arrived, before its status changed");
            assertEquals(600_000, seed.count("SELECT first_reviewed_at - received_at FROM captures"
                    + " WHERE event_id = 'e2'"), "triaged from the queue without being opened");
            assertEquals(2, seed.count("SELECT sum(captures) FROM report_delays WHERE measure = 'REVIEW'"));
            assertMatchesRecount(seed, store.kind());
        }
    }

    private static void assertMatchesRecount(SeededCaptures seed, StoreUnderTest.Kind kind) {
        String recount = "SELECT school_id, occurred_at / 86400000, category, severity, status, coalesce(outcome, ''),"
                + " count(*) FROM captures GROUP BY 1, 2, 3, 4, 5, 6";
        String kept = "SELECT school_id, day, category, severity, status, outcome, captures FROM report_days"
                + " WHERE captures <> 0";
        assertEquals(0, seed.count("SELECT count(*) FROM (" + recount + " EXCEPT " + kept + ") AS t"), "report_days");
        assertEquals(0, seed.count("SELECT count(*) FROM (" + kept + " EXCEPT " + recount + ") AS t"), "report_days");
        assertEquals(seed.count("SELECT count(*) FROM captures"), seed.count("SELECT sum(captures) FROM report_days"));
        assertEquals(0, seed.count("SELECT count(*) FROM ("
                + "SELECT school_id, occurred_at / 86400000 AS day, lower(os_user) AS login,"
                + " sum(CASE WHEN status <> 'FALSE_POSITIVE' THEN 1 ELSE 0 END) AS c,"
                + " sum(CASE WHEN status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END) AS f FROM captures GROUP BY 1, 2, 3"
                + " EXCEPT SELECT school_id, day, login, concerns, false_positives FROM report_pupil_days) AS t"),
                "report_pupil_days");
        assertEquals(seed.count("SELECT count(*) FROM captures"),
                seed.count("SELECT sum(concerns) + sum(false_positives) FROM report_pupil_days"));
        String week = "(occurred_at / 86400000 - (occurred_at / 86400000 + 3) % 7)";
        String month = kind == StoreUnderTest.Kind.SQLITE
                ? "(CAST(strftime('%s', occurred_at / 1000, 'unixepoch', 'start of month') AS INTEGER) / 86400)"
                : "(date_trunc('month', to_timestamp(occurred_at / 1000) AT TIME ZONE 'UTC')::DATE - DATE '1970-01-01')";
        for (String[] grain : new String[][] {{"report_weeks", "week", week}, {"report_months", "month", month}}) {
            String regrouped = "SELECT school_id, " + grain[2] + ", category, severity, status,"
                    + " coalesce(outcome, ''), count(*) FROM captures GROUP BY 1, 2, 3, 4, 5, 6";
            String summed = "SELECT school_id, " + grain[1] + ", category, severity, status, outcome, captures FROM "
                    + grain[0] + " WHERE captures <> 0";
            assertEquals(0, seed.count("SELECT count(*) FROM (" + regrouped + " EXCEPT " + summed + ") AS t"), grain[0]);
            assertEquals(0, seed.count("SELECT count(*) FROM (" + summed + " EXCEPT " + regrouped + ") AS t"), grain[0]);
            assertEquals(0, seed.count("SELECT count(*) FROM " + grain[0] + " WHERE captures < 0"), grain[0]);
        }
        for (String[] grain : new String[][] {{"report_category_weeks", "week", week},
            {"report_category_months", "month", month}}) {
            String regrouped = "SELECT school_id, " + grain[2] + ", category, CASE WHEN status = 'FALSE_POSITIVE'"
                    + " THEN 1 ELSE 0 END, count(*) FROM captures GROUP BY 1, 2, 3, 4";
            String summed = "SELECT school_id, " + grain[1] + ", category, false_positive, captures FROM " + grain[0]
                    + " WHERE captures <> 0";
            assertEquals(0, seed.count("SELECT count(*) FROM (" + regrouped + " EXCEPT " + summed + ") AS t"), grain[0]);
            assertEquals(0, seed.count("SELECT count(*) FROM (" + summed + " EXCEPT " + regrouped + ") AS t"), grain[0]);
            assertEquals(0, seed.count("SELECT count(*) FROM " + grain[0] + " WHERE captures < 0"), grain[0]);
        }
        String pupilMonths = "SELECT school_id, month, login, concerns, false_positives FROM report_pupil_months"
                + " WHERE concerns <> 0 OR false_positives <> 0";
        String pupilRecount = "SELECT school_id, " + month + " AS month, lower(os_user) AS login,"
                + " sum(CASE WHEN status <> 'FALSE_POSITIVE' THEN 1 ELSE 0 END) AS c,"
                + " sum(CASE WHEN status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END) AS f FROM captures GROUP BY 1, 2, 3";
        assertEquals(0, seed.count("SELECT count(*) FROM (" + pupilRecount + " EXCEPT " + pupilMonths + ") AS t"),
                "report_pupil_months");
        assertEquals(0, seed.count("SELECT count(*) FROM (" + pupilMonths + " EXCEPT " + pupilRecount + ") AS t"),
                "report_pupil_months");
        for (String[] measure : new String[][] {{"REVIEW", "first_reviewed_at"}, {"CLOSURE", "closed_at"}}) {
            assertEquals(0, seed.count("SELECT count(*) FROM ("
                    + "SELECT school_id, day, bucket, count(*) FROM (SELECT school_id, occurred_at / 86400000 AS day,"
                    + " (SELECT min(b.within_minutes) FROM report_delay_buckets b"
                    + "   WHERE " + measure[1] + " - received_at <= b.within_minutes * 60000) AS bucket"
                    + " FROM captures WHERE " + measure[1] + " IS NOT NULL) AS timed GROUP BY school_id, day, bucket"
                    + " EXCEPT SELECT school_id, day, within_minutes, captures FROM report_delays WHERE measure = '"
                    + measure[0] + "') AS t"), measure[0]);
            assertEquals(seed.count("SELECT count(*) FROM captures WHERE " + measure[1] + " IS NOT NULL"),
                    seed.count("SELECT coalesce(sum(captures), 0) FROM report_delays WHERE measure = '"
                            + measure[0] + "'"), measure[0]);
        }
    }
}
