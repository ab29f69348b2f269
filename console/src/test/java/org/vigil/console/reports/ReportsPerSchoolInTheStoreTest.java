package org.vigil.console.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.vigil.console.auth.Role;
import org.vigil.console.store.Database;
import org.vigil.console.store.OnBothStores;
import org.vigil.console.store.ReportRepository;
import org.vigil.console.store.School;
import org.vigil.console.store.StoreBackend;
import org.vigil.console.store.StoreUnderTest;

/**
 * Reports per school (ADR 0195), on SQLite and PostgreSQL: a school's report sums only its captures, several
 * schools' report their sum with a line each, the whole console's the same as every school together; a small
 * school's counts stay hidden from VIEWERs in the line for each school and cannot be had by subtracting the others
 * from the total; and the aggregates of captures stored before V45 are rebuilt per school.
 */
class ReportsPerSchoolInTheStoreTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final School MAIN = new School(1, "main", "Main");

    @OnBothStores
    void aSchoolsReportHoldsOnlyItsCapturesAndSeveralHoldTheirSum(StoreUnderTest store) {
        try (Database database = store.open()) {
            SeededCaptures seed = new SeededCaptures(database);
            School oak = new School(seed.school("oak"), "oak", "School oak");
            for (int i = 0; i < 4; i++) {
                seed.add(Instant.parse("2026-10-05T10:00:00Z"), "self-harm", 3, "ab1", MAIN.id());
            }
            seed.add(Instant.parse("2026-10-06T10:00:00Z"), "drugs", 2, "cd2", MAIN.id());
            for (int i = 0; i < 3; i++) {
                seed.add(Instant.parse("2026-10-14T10:00:00Z"), "bullying", 2, "ef3", oak.id());
            }
            long fp = seed.add(Instant.parse("2026-10-14T11:00:00Z"), "bullying", 1, "ef3", oak.id());
            seed.status(fp, "FALSE_POSITIVE", Instant.parse("2026-10-14T12:00:00Z"));
            Reports reports = reports(database);
            ReportRange range = reports.range("custom", "2026-09-01", "2026-11-29");

            Report main = reports.make(range, Granularity.WEEK, Role.DSL, new ReportedSchools(List.of(MAIN), "Main"));
            Report oaks = reports.make(range, Granularity.WEEK, Role.DSL, new ReportedSchools(List.of(oak), "Oak"));
            Report both = reports.make(range, Granularity.WEEK, Role.DSL,
                    new ReportedSchools(List.of(MAIN, oak), "Both"));
            assertEquals(5, main.current().concerns().count());
            assertEquals(0, main.current().falsePositives().count());
            assertEquals(List.of("drugs", "self-harm"), categories(main));
            assertEquals(3, oaks.current().concerns().count());
            assertEquals(1, oaks.current().falsePositives().count());
            assertEquals(List.of("bullying"), categories(oaks));
            assertEquals(List.of(), main.bySchool(), "one school: no line per school");

            assertEquals(8, both.current().concerns().count());
            assertEquals(List.of(new Report.SchoolRow("main", "Main", Tally.of(5, false), Tally.of(0, false)),
                    new Report.SchoolRow("oak", "School oak", Tally.of(3, false), Tally.of(1, false))), both.bySchool());
            assertEquals(reports.make(range, Granularity.WEEK, Role.DSL).current(), both.current(),
                    "every school together is the whole console's report");
            assertEquals(oaks.current(), reports.figures(range, Granularity.WEEK, Role.DSL,
                    new ReportedSchools(List.of(oak), "Oak")), "the overview's figures are the report's");
        }
    }

    @OnBothStores
    void aSmallSchoolsCountCannotBeHadFromTheTotalByAViewer(StoreUnderTest store) {
        try (Database database = store.open()) {
            SeededCaptures seed = new SeededCaptures(database);
            School tiny = new School(seed.school("tiny"), "tiny", "School tiny");
            for (int i = 0; i < 13; i++) {
                seed.add(Instant.parse("2026-10-05T10:00:00Z"), "self-harm", 3, "ab1", MAIN.id());
            }
            seed.add(Instant.parse("2026-10-05T11:00:00Z"), "self-harm", 3, "zz9", tiny.id());
            Outputs one = outputs(database, tiny);
            seed.add(Instant.parse("2026-10-06T11:00:00Z"), "self-harm", 3, "zz9", tiny.id());
            Outputs two = outputs(database, tiny);
            assertSameToViewers(one, two);
        }
    }

    private static void assertSameToViewers(Outputs one, Outputs two) {
        assertEquals(one.viewerCsv(), two.viewerCsv(), "the small school's 1 or 2 gives nothing away");
        assertEquals(one.viewerCharts(), two.viewerCharts());
        assertNotEquals(one.dslCsv(), two.dslCsv(), "the DSL sees the counts as they are");
        assertTrue(one.viewerCsv().contains("school,School tiny concerns,<3,"), one.viewerCsv());
        assertTrue(one.viewerCsv().contains("school,Main concerns,15,"), one.viewerCsv());
        assertTrue(one.viewerCsv().contains("total,concerns (captures not marked false positive),15,"),
                "13 + 1 and 13 + 2 both round to 15: " + one.viewerCsv());
        assertTrue(one.dslCsv().contains("school,School tiny concerns,1,"), one.dslCsv());
    }

    @OnBothStores
    void capturesStoredBeforeV45AreCountedInTheirOwnSchool(StoreUnderTest store) {
        try (StoreBackend backend = store.backendMigratedTo("40")) {
            try (var connection = backend.dataSource().getConnection(); var statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO schools (id, code, name, created_at) VALUES (2, 'oak', 'Oak', 0)");
                statement.executeUpdate("INSERT INTO devices (id, secret_sha256, hostname, os, agent_version, os_user,"
                        + " enrolled_at) VALUES ('d', 'x', 'h', 'linux', '1', 'u', 0)");
                String insert = "INSERT INTO captures (event_id, device_id, seq, occurred_at, received_at, os_user,"
                        + " window_title, app, category, severity, rule_id, matched_text, context, match_start,"
                        + " match_end, explanation, status, school_id) VALUES ";
                long day = 86_400_000L * 20_740; // 2026-10-14
                statement.executeUpdate(insert + "('e1', 'd', 1, " + day + ", " + day + ", 'a', 'w', 'a', 'drugs', 3,"
                        + " 'r', 'm', 'c', 0, 1, 'x', 'NEW', 1)");
                statement.executeUpdate(insert + "('e2', 'd', 2, " + day + ", " + day + ", 'b', 'w', 'a', 'drugs', 3,"
                        + " 'r', 'm', 'c', 0, 1, 'x', 'NEW', 2)");
                statement.executeUpdate(insert + "('e3', 'd', 3, " + day + ", " + day + ", 'b', 'w', 'a', 'suicide',"
                        + " 5, 'r', 'm', 'c', 0, 1, 'x', 'FALSE_POSITIVE', 2)");
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        try (Database database = store.open()) {
            Reports reports = reports(database);
            ReportRange range = reports.range("custom", "2026-09-01", "2026-11-29");
            School oak = new School(2, "oak", "Oak");
            Report both = reports.make(range, Granularity.MONTH, Role.DSL,
                    new ReportedSchools(List.of(MAIN, oak), "Both"));
            assertEquals(List.of(new Report.SchoolRow("main", "Main", Tally.of(1, false), Tally.of(0, false)),
                    new Report.SchoolRow("oak", "Oak", Tally.of(1, false), Tally.of(1, false))), both.bySchool());
            Report oaks = reports.make(range, Granularity.MONTH, Role.DSL, new ReportedSchools(List.of(oak), "Oak"));
            assertEquals(1, oaks.current().falsePositives().count());
            assertEquals(1, oaks.current().byYearGroup().get(0).count().count(), "b's concern, in Oak only");
        }
    }

    private static Outputs outputs(Database database, School tiny) {
        Reports reports = reports(database);
        ReportRange range = reports.range("custom", "2026-10-05", "2026-10-11");
        ReportedSchools both = new ReportedSchools(List.of(MAIN, tiny), "Both");
        Report viewer = reports.make(range, Granularity.WEEK, Role.VIEWER, both);
        Report dsl = reports.make(range, Granularity.WEEK, Role.DSL, both);
        return new Outputs(ReportCsv.of(viewer, viewer.covers()), Charts.of(viewer), ReportCsv.of(dsl, dsl.covers()));
    }

    private static Reports reports(Database database) {
        return new Reports(new ReportRepository(database), TermDates::defaults, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static List<String> categories(Report report) {
        return report.current().categories().stream().map(ReportFigures.CategoryRow::category).toList();
    }

    private record Outputs(String viewerCsv, List<BarChart> viewerCharts, String dslCsv) {
    }
}
