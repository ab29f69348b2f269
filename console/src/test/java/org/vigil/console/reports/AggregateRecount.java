package org.vigil.console.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.vigil.console.store.StoreUnderTest;

/**
 * Every report aggregate (days, weeks, months, per category, per login, the delays; per school) compared row by row
 * with a GROUP BY over the captures themselves, both ways: the aggregates are right only if neither holds a row the
 * other lacks.
 */
final class AggregateRecount {
    private AggregateRecount() {
    }

    static void assertMatches(SeededCaptures seed, StoreUnderTest.Kind kind) {
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
