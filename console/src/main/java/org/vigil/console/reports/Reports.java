package org.vigil.console.reports;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.vigil.console.auth.Role;
import org.vigil.console.store.ReportRepository;
import org.vigil.console.store.School;

/**
 * Makes reports: resolves the range the reader chose against the school's term dates and today's date, and sums
 * the aggregates for it and for the same dates a year earlier. VIEWERs get small counts hidden; DSLs see them.
 */
public final class Reports {
    private final ReportRepository store;
    private final Supplier<TermDates> terms;
    private final Clock clock;
    private final RangeSplit split;

    public Reports(ReportRepository store, Supplier<TermDates> terms, Clock clock) {
        this(store, terms, clock, RangeSplit.COARSEST);
    }

    /** With the split given: the reports benchmark times {@link RangeSplit#DAYS_ONLY} against the coarsest. */
    public Reports(ReportRepository store, Supplier<TermDates> terms, Clock clock, RangeSplit split) {
        this.store = store;
        this.terms = terms;
        this.clock = clock;
        this.split = split;
    }

    /** Today, as the reports count days (UTC). */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    public TermDates terms() {
        return terms.get();
    }

    /**
     * The range the parameters name (see {@link ReportRanges#resolve}).
     *
     * @throws org.vigil.console.request.InvalidRequest for a choice or a date that makes no range
     */
    public ReportRange range(String which, String from, String to) {
        return ReportRanges.resolve(which, from, to, today(), terms.get());
    }

    /**
     * The report of every school as one, over the range, per week or month, for a reader of the role (a one-school
     * console's report).
     */
    public Report make(ReportRange range, Granularity granularity, Role reader) {
        boolean hideSmall = hidesSmallCounts(reader);
        return store.reading(reads -> new Report(
                ReportFigures.over(reads, range, granularity, hideSmall, split, true),
                ReportFigures.over(reads, range.yearEarlier(), granularity, hideSmall, split, false), hideSmall, "",
                List.of()));
    }

    /** The report of the schools given, with a line for each when there are several (ADR 0195). */
    public Report make(ReportRange range, Granularity granularity, Role reader, ReportedSchools schools) {
        boolean hideSmall = hidesSmallCounts(reader);
        return store.reading(schools.ids(), reads -> new Report(
                ReportFigures.over(reads, range, granularity, hideSmall, split, true),
                ReportFigures.over(reads, range.yearEarlier(), granularity, hideSmall, split, false), hideSmall,
                schools.name(), schools.several() ? bySchool(reads, range, schools, hideSmall) : List.of()));
    }

    /** The figures over the range alone, without the year-earlier comparison (the overview's), of every school. */
    public ReportFigures figures(ReportRange range, Granularity granularity, Role reader) {
        return ReportFigures.over(store, range, granularity, hidesSmallCounts(reader), split);
    }

    /** As {@link #figures(ReportRange, Granularity, Role)}, of the schools given. */
    public ReportFigures figures(ReportRange range, Granularity granularity, Role reader, ReportedSchools schools) {
        return store.reading(schools.ids(), reads -> ReportFigures.over(reads, range, granularity,
                hidesSmallCounts(reader), split, true));
    }

    private List<Report.SchoolRow> bySchool(ReportRepository.Reads reads, ReportRange range,
                                            ReportedSchools schools, boolean hideSmall) {
        Map<Long, long[]> counts = new HashMap<>();
        for (ReportRepository.SchoolCount row : reads.perSchool(split.whole(range))) {
            counts.computeIfAbsent(row.schoolId(), id -> new long[2])[row.falsePositive() ? 1 : 0] += row.captures();
        }
        List<Report.SchoolRow> rows = new ArrayList<>();
        for (School school : schools.schools()) {
            long[] cells = counts.getOrDefault(school.id(), new long[2]);
            rows.add(new Report.SchoolRow(school.code(), school.name(), Tally.of(cells[0], hideSmall),
                    Tally.of(cells[1], hideSmall)));
        }
        return rows;
    }

    /** Only the DSL sees counts below {@link Tally#SMALLEST_SHOWN}; everyone else sees "&lt;3". */
    public static boolean hidesSmallCounts(Role reader) {
        return reader != Role.DSL;
    }
}
