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
            AggregateRecount.assertMatches(seed, store.kind());
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
            AggregateRecount.assertMatches(seed, store.kind());
        }
    }
}
