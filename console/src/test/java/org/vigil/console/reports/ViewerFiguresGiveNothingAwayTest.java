package org.vigil.console.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.auth.Role;
import org.vigil.console.store.Database;
import org.vigil.console.store.ReportRepository;

/**
 * A hidden count cannot be worked out from anything else a VIEWER is given (ADR 0155). Two schools whose captures
 * differ only in a count VIEWERs see as "&lt;3" (1 against 2) give VIEWERs the very same CSV (every figure of the
 * page and the PDF, both ranges) and the very same charts, while their DSLs see the difference. The counts are
 * crafted so that with exact figures outside the hidden cell (before ADR 0155) the hidden count followed from
 * another table: the category's weeks (7 and hidden) against its severities (5 and 2 + hidden). (Rounding is
 * deterministic: other counts can make two such schools' rounded totals differ, yet every total stays within 2 of
 * its count, which leaves both values of a hidden count possible; ADR 0155 says where that reasoning stops.)
 */
class ViewerFiguresGiveNothingAwayTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void schoolsDifferingOnlyInAHiddenCountLookTheSameToAViewer() {
        Outputs one = school(1, "one");
        Outputs two = school(2, "two");
        assertEquals(one.viewerCsv(), two.viewerCsv());
        assertEquals(one.viewerCharts(), two.viewerCharts());
        assertNotEquals(one.dslCsv(), two.dslCsv(), "the DSL sees the counts as they are");
        assertTrue(one.viewerCsv().contains("concerns per week,week from 2026-10-12 self-harm,<3,"), one.viewerCsv());
        assertTrue(one.viewerCsv().contains("category by severity,self-harm severity 4,5,0"), one.viewerCsv());
        assertTrue(one.dslCsv().contains("category by severity,self-harm severity 4,3,0"), one.dslCsv());
        assertTrue(two.dslCsv().contains("category by severity,self-harm severity 4,4,0"), two.dslCsv());
    }

    @Test
    void viewersSeeCountsRoundedFromTheirExactValues() {
        assertEquals("<3", Tally.of(1, true).text());
        assertEquals("<3", Tally.of(2, true).text());
        assertEquals("0", Tally.of(0, true).text());
        assertEquals("5", Tally.of(3, true).text(), "never rounded down to nothing");
        assertEquals("5", Tally.of(7, true).text());
        assertEquals("10", Tally.of(8, true).text());
        assertEquals("1,235", Tally.of(1_234, true).text());
        assertEquals("5", Tally.of(2, true).plus(Tally.of(2, true)).text(), "a total from the exact sum, 4");
        assertEquals("7", Tally.of(5, false).plus(Tally.of(2, false)).text(), "DSLs see exact counts");
    }

    private Outputs school(int hidden, String name) {
        try (Database database = Database.open(dir.resolve(name + ".db"))) {
            SeededCaptures seed = new SeededCaptures(database);
            for (int i = 0; i < 5; i++) {
                seed.add(Instant.parse("2026-10-05T10:00:00Z"), "self-harm", 3, "ab1");
            }
            for (int i = 0; i < 2; i++) {
                seed.add(Instant.parse("2026-10-06T10:00:00Z"), "self-harm", 4, "ab1");
            }
            for (int i = 0; i < hidden; i++) {
                seed.add(Instant.parse("2026-10-13T10:00:00Z"), "self-harm", 4, "ab1");
            }
            for (int i = 0; i < 5; i++) {
                seed.add(Instant.parse("2026-10-13T11:00:00Z"), "bullying", 2, "cd2");
            }
            Reports reports = new Reports(new ReportRepository(database), TermDates::defaults,
                    Clock.fixed(NOW, ZoneOffset.UTC));
            ReportRange range = reports.range("custom", "2026-10-05", "2026-10-18");
            Report viewer = reports.make(range, Granularity.WEEK, Role.VIEWER);
            Report dsl = reports.make(range, Granularity.WEEK, Role.DSL);
            return new Outputs(ReportCsv.of(viewer, "School"), Charts.of(viewer), ReportCsv.of(dsl, "School"));
        }
    }

    private record Outputs(String viewerCsv, List<BarChart> viewerCharts, String dslCsv) {
    }
}
