package org.vigil.console.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.auth.Role;
import org.vigil.console.store.Database;
import org.vigil.console.store.OnBothStores;
import org.vigil.console.store.StoreUnderTest;
import org.vigil.console.store.ReportRepository;

/** Report figures against captures seeded in a real SQLite database, each with a known answer. */
class ReportFiguresTest {
    /** A Monday in the autumn term (default term dates: it began on 1 September 2026). */
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @TempDir
    Path dir;
    private Database database;
    private SeededCaptures seed;
    private Reports reports;

    @BeforeEach
    void open(StoreUnderTest store) {
        database = store.open();
        seed = new SeededCaptures(database);
        reports = new Reports(new ReportRepository(database), TermDates::defaults, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    private Report report(String which, String from, String to, Granularity by, Role reader) {
        return reports.make(reports.range(which, from, to), by, reader);
    }

    @OnBothStores
    void falsePositivesAreCountedApartAndNeverAsConcerns() {
        for (int i = 0; i < 3; i++) {
            seed.add(at("2026-09-07T10:00:00Z"), "self-harm", 4, "ab1");
        }
        seed.add(at("2026-09-08T10:00:00Z"), "bullying", 2, "ab1");
        long fp1 = seed.add(at("2026-09-15T10:00:00Z"), "bullying", 2, "ab1");
        long fp2 = seed.add(at("2026-09-15T11:00:00Z"), "suicide", 5, "cd2");
        seed.status(fp1, "FALSE_POSITIVE", at("2026-09-15T12:00:00Z"));
        seed.status(fp2, "FALSE_POSITIVE", at("2026-09-15T12:00:00Z"));

        ReportFigures f = report("this-term", null, null, Granularity.WEEK, Role.DSL).current();

        assertEquals("2026-09-01", f.range().from().toString());
        assertEquals("2026-11-30", f.range().to().toString());
        assertEquals("4", f.concerns().text());
        assertEquals("2", f.falsePositives().text());
        assertEquals(14, f.periods().size(), "weeks from Monday 31 August to Monday 30 November");
        assertEquals(LocalDate.parse("2026-08-31"), f.periods().get(0).start());
        assertEquals("3", f.category("self-harm").orElseThrow().perPeriod().get(1).text());
        assertEquals("1", f.category("bullying").orElseThrow().concerns().text());
        assertEquals("1", f.category("bullying").orElseThrow().falsePositives().text());
        assertEquals("0", f.category("suicide").orElseThrow().concerns().text(), "a false positive is no concern");
        assertEquals("0", f.concernsPerPeriod().get(2).text());
        assertEquals("2", f.falsePositivesPerPeriod().get(2).text());
        assertEquals(List.of("0", "1", "0", "3", "0"), f.concernsBySeverity().stream().map(Tally::text).toList());
        assertEquals("4", f.byStatus().get(0).count().text(), "New");
        assertEquals("New", f.byStatus().get(0).label());
        assertTrue(f.byStatus().stream().noneMatch(l -> l.label().equals("False positive")));
    }

    @OnBothStores
    void countsPerMonthAndTheirOutcomes() {
        seed.add(at("2026-09-30T10:00:00Z"), "drugs", 3, "ab1");
        long escalated = seed.add(at("2026-10-01T10:00:00Z"), "drugs", 3, "ab1");
        long closed = seed.add(at("2026-10-20T10:00:00Z"), "violence-weapons", 5, "ab1");
        seed.status(escalated, "ESCALATED", at("2026-10-02T10:00:00Z"));
        seed.close(closed, "POLICE", at("2026-10-21T10:00:00Z"));

        ReportFigures f = report("this-term", null, null, Granularity.MONTH, Role.DSL).current();

        assertEquals(List.of("Sep 2026", "Oct 2026", "Nov 2026"), f.periods().stream()
                .map(ReportFigures.Period::label).toList());
        assertEquals(List.of("1", "1", "0"), f.category("drugs").orElseThrow().perPeriod().stream()
                .map(Tally::text).toList());
        assertEquals("1", f.byStatus().stream().filter(l -> l.label().equals("Escalated")).findFirst().orElseThrow()
                .count().text());
        assertEquals("1", f.byStatus().stream().filter(l -> l.label().equals("Closed")).findFirst().orElseThrow()
                .count().text());
        assertEquals("1", f.byOutcome().stream().filter(l -> l.label().equals("Police")).findFirst().orElseThrow()
                .count().text());
        assertEquals(Granularity.WEEK, Granularity.suitedTo(reports.range("this-year", null, null)),
                "91 days of this school year read per week");
        assertEquals(Granularity.MONTH, Granularity.suitedTo(reports.range("last-year", null, null)));
    }

    @OnBothStores
    void aRangeHoldsItsFirstAndLastDayWhole() {
        seed.add(at("2026-09-30T23:59:59.999Z"), "drugs", 3, "ab1");
        seed.add(at("2026-10-01T00:00:00Z"), "drugs", 3, "ab1");
        seed.add(at("2026-10-31T23:59:59.999Z"), "drugs", 3, "ab1");
        seed.add(at("2026-11-01T00:00:00Z"), "drugs", 3, "ab1");

        ReportFigures f = report("custom", "2026-10-01", "2026-10-31", Granularity.WEEK, Role.DSL).current();

        assertEquals("2", f.concerns().text());
        assertEquals(LocalDate.parse("2026-09-28"), f.periods().get(0).start(), "the week 1 October falls in");
        assertEquals(LocalDate.parse("2026-10-26"), f.periods().get(f.periods().size() - 1).start());
    }

    @OnBothStores
    void theSameDatesAYearEarlierAreBesideThem() {
        seed.add(at("2026-10-05T10:00:00Z"), "gambling", 2, "ab1");
        seed.add(at("2025-10-01T00:00:00Z"), "gambling", 2, "ab1");
        seed.add(at("2025-10-31T20:00:00Z"), "gambling", 3, "ab1");
        seed.add(at("2025-11-01T00:00:00Z"), "gambling", 3, "ab1");
        seed.add(at("2024-10-10T10:00:00Z"), "gambling", 3, "ab1");

        Report r = report("custom", "2026-10-01", "2026-10-31", Granularity.WEEK, Role.DSL);

        assertEquals("1", r.current().concerns().text());
        assertEquals("2", r.yearEarlier().concerns().text());
        assertEquals(LocalDate.parse("2025-10-01"), r.yearEarlier().range().from());
        assertEquals(LocalDate.parse("2025-10-31"), r.yearEarlier().range().to());
    }

    @OnBothStores
    void concernsPerYearGroupWithLoginsNotInTheDirectoryApart() {
        seed.pupil("AB1", "Year 7");
        seed.pupil("cd2", "Year 10");
        seed.pupil("ef3", "Year 8");
        for (int i = 0; i < 3; i++) {
            seed.add(at("2026-10-05T10:00:00Z"), "bullying", 2, "AB1");
        }
        for (int i = 0; i < 4; i++) {
            long id = seed.add(at("2026-10-05T10:00:00Z"), "bullying", 2, "cd2");
            if (i == 0) {
                seed.status(id, "FALSE_POSITIVE", at("2026-10-05T11:00:00Z"));
            }
        }
        seed.add(at("2026-10-06T10:00:00Z"), "bullying", 2, "ef3");
        seed.add(at("2026-10-06T10:00:00Z"), "bullying", 2, "zz9");
        seed.add(at("2026-10-07T10:00:00Z"), "bullying", 2, "SCHOOL\\zz8");

        List<ReportFigures.Line> dsl = report("this-term", null, null, Granularity.WEEK, Role.DSL).current()
                .byYearGroup();
        List<ReportFigures.Line> viewer = report("this-term", null, null, Granularity.WEEK, Role.VIEWER).current()
                .byYearGroup();

        assertEquals(List.of("Year 7: 3", "Year 8: 1", "Year 10: 3", "Not in the directory: 2"),
                dsl.stream().map(l -> l.label() + ": " + l.count().text()).toList());
        assertEquals(List.of("Year 7: 5", "Year 8: <3", "Year 10: 5", "Not in the directory: <3"),
                viewer.stream().map(l -> l.label() + ": " + l.count().text()).toList());
    }

    @OnBothStores
    void timesToFirstReviewAndToClosureAsPercentiles() {
        Instant received = at("2026-10-05T09:00:00Z");
        long[] minutes = {3, 10, 20, 50, 90, 180, 300, 1200, 2880, 14400};
        long[] ids = new long[minutes.length];
        for (int i = 0; i < minutes.length; i++) {
            ids[i] = seed.add(received, "self-harm", 4, "ab1");
            Instant reviewed = received.plus(Duration.ofMinutes(minutes[i]));
            if (i % 2 == 0) {
                seed.opened(ids[i], reviewed);
            } else {
                seed.status(ids[i], "IN_REVIEW", reviewed);
                seed.opened(ids[i], reviewed.plus(Duration.ofHours(30)));
            }
        }
        seed.close(ids[0], "SOCIAL_CARE", received.plus(Duration.ofDays(1)));
        seed.close(ids[1], "EARLY_HELP", received.plus(Duration.ofDays(5)));

        Report dsl = report("this-term", null, null, Granularity.WEEK, Role.DSL);
        Delay review = dsl.current().review();
        Delay closure = dsl.current().closure();

        assertEquals("10", review.captures().text());
        assertEquals("within 2 hours", review.p50Text(), "the 5th of 10 was reviewed after 90 minutes");
        assertEquals("within 2 days", review.p90Text(), "the 9th after 48 hours");
        assertEquals("2", closure.captures().text());
        assertEquals("within 1 day", closure.p50Text());
        assertEquals("within 7 days", closure.p90Text());

        Delay hidden = report("this-term", null, null, Granularity.WEEK, Role.VIEWER).current().closure();
        assertEquals("<3", hidden.captures().text());
        assertEquals("not enough to say", hidden.p50Text());
    }

    @OnBothStores
    void smallCountsAreHiddenFromViewersAndTotalsGiveNoneAway() {
        for (int i = 0; i < 5; i++) {
            seed.add(at("2026-10-05T10:00:00Z"), "self-harm", 4, "ab1");
        }
        seed.add(at("2026-10-12T10:00:00Z"), "self-harm", 4, "ab1");
        seed.add(at("2026-10-13T10:00:00Z"), "self-harm", 4, "ab1");
        seed.add(at("2026-10-06T10:00:00Z"), "bullying", 2, "ab1");

        ReportFigures viewer = report("custom", "2026-10-05", "2026-10-18", Granularity.WEEK, Role.VIEWER).current();
        ReportFigures dsl = report("custom", "2026-10-05", "2026-10-18", Granularity.WEEK, Role.DSL).current();

        assertEquals(List.of("5", "<3"), viewer.category("self-harm").orElseThrow().perPeriod().stream()
                .map(Tally::text).toList());
        assertEquals(List.of("5", "<3"), viewer.concernsPerPeriod().stream().map(Tally::text).toList(),
                "6 rounded to 5; 2 hidden");
        assertEquals("<3", viewer.category("bullying").orElseThrow().concerns().text());
        assertEquals("10", viewer.concerns().text(), "8 rounded, from the exact total");
        assertEquals(List.of("5", "2"), dsl.category("self-harm").orElseThrow().perPeriod().stream()
                .map(Tally::text).toList());
        assertEquals("8", dsl.concerns().text());
        List<BarChart> charts = Charts.of(report("custom", "2026-10-05", "2026-10-18", Granularity.WEEK,
                Role.VIEWER));
        assertTrue(charts.get(0).bars().stream().noneMatch(b -> b.title().endsWith(": 2")
                || b.title().endsWith(": 1")), "no bar drawn for a hidden count");
    }
}
