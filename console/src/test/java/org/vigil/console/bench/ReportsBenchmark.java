package org.vigil.console.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.vigil.console.AdminDsl;
import org.vigil.console.Console;
import org.vigil.console.ConsoleConfig;
import org.vigil.console.Phone;
import org.flywaydb.core.Flyway;
import org.vigil.console.auth.Role;
import org.vigil.console.reports.Charts;
import org.vigil.console.reports.Granularity;
import org.vigil.console.reports.RangeSplit;
import org.vigil.console.reports.Report;
import org.vigil.console.reports.ReportRange;
import org.vigil.console.reports.Reports;
import org.vigil.console.reports.TermDates;
import org.vigil.console.store.CaseOutcome;
import org.vigil.console.store.Database;
import org.vigil.console.store.ReportRepository;
import org.vigil.console.store.sqlite.SqliteBackend;
import org.vigil.console.triage.KnownCategories;

/**
 * How long the console takes to serve the reports page (and the overview, the governor PDF and CSV) over a full
 * school year of 1,000,000 captures ({@code -Dcaptures=N}) from 1,500 pupils in years 7 to 13, in a real SQLite
 * file: the captures are written into a database migrated up to V27 (the pupils), then the console's own migrations
 * (V29, V31, V40) build the aggregates from them, as they do on an upgrade (the same figures the triggers keep:
 * {@code AggregatesFollowCapturesTest}), which is several times quicker than a million inserts through the
 * triggers. The pages are read round-robin after a round-robin warm-up; then each section of the report is timed
 * alone with its plan ({@link ReportSections}), the report's sums in-process ({@code -DdaysOnly=true} also day by
 * day, as before V31), and what the triggers add to each capture written ({@code -DcostCaptures=N} inserts into a
 * scratch database with the triggers as they were before V45, with V45's per school, and with none; 0 skips it;
 * {@code -DcostRepeats=N} interleaves N rounds of each and gives the medians; {@code -DcostOnly=true} measures only
 * that, without the fill).
 * {@code -DfillOnly=true} stops after the fill, {@code -Dpages=false} skips the pages. Run on demand:
 * {@code console/bench/run-reports-benchmark.sh}; not part of the test suite.
 */
public final class ReportsBenchmark {
    private static final String PASSWORD = "benchmark passphrase";
    private static final int PUPILS = 1_500;
    private static final int DEVICES = 300;
    /** The school year the captures fill: the last whole one before the benchmark runs. */
    private static final LocalDate YEAR_START = LocalDate.of(LocalDate.now(ZoneOffset.UTC).getYear()
            - (LocalDate.now(ZoneOffset.UTC).getMonthValue() >= 9 ? 1 : 2), 9, 1);

    private ReportsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("captures", 1_000_000);
        Path dataDir = Path.of(System.getProperty("dataDir", "target/bench-reports-" + count));
        Files.createDirectories(dataDir);
        if (Boolean.getBoolean("costOnly")) {
            triggerCost(Files.createTempDirectory("vigil-trigger-cost"));
            return;
        }
        long fillMillis = fillIfNeeded(dataDir, count);
        System.out.printf(Locale.ROOT, "captures: %,d over %s to %s from %,d pupils (fill: %s, load average %s)%n",
                count, YEAR_START, YEAR_START.plusYears(1).minusDays(1), PUPILS,
                fillMillis < 0 ? "reused" : fillMillis / 1000 + " s", loadAverage());
        if (Boolean.getBoolean("fillOnly")) {
            return;
        }
        if (Integer.getInteger("costCaptures", 100_000) > 0) {
            triggerCost(Files.createTempDirectory("vigil-trigger-cost"));
        }
        String yearFrom = YEAR_START.toString();
        String yearTo = YEAR_START.plusYears(1).minusDays(1).toString();
        String autumnTo = YEAR_START.plusMonths(4).minusDays(1).toString();
        if (!"false".equals(System.getProperty("pages"))) {
            pages(dataDir, "range=custom&from=" + yearFrom + "&to=" + yearTo,
                    "range=custom&from=" + yearFrom + "&to=" + autumnTo);
        }
        try (Database database = Database.open(dataDir.resolve("vigil.db"))) {
            ReportRepository store = new ReportRepository(database);
            Reports reports = new Reports(store, TermDates::defaults, java.time.Clock.systemUTC());
            ReportRange year = reports.range("custom", yearFrom, yearTo);
            ReportRange autumn = reports.range("custom", yearFrom, autumnTo);
            System.out.println("each section of the report alone, " + Integer.getInteger("repeats", 20)
                    + " measured each after a warm-up:");
            ReportSections sections = new ReportSections(database, Integer.getInteger("repeats", 20));
            sections.print("school year per month", year, Granularity.MONTH);
            sections.print("school year per week", year, Granularity.WEEK);
            sections.print("autumn term per week", autumn, Granularity.WEEK);
            System.out.println("report sums in-process (the figures and the year-earlier comparison), "
                    + Integer.getInteger("repeats", 20) + " measured each after a warm-up:");
            for (RangeSplit split : new RangeSplit[] {RangeSplit.DAYS_ONLY, RangeSplit.COARSEST}) {
                if (!split.coarse() && !Boolean.getBoolean("daysOnly")) {
                    continue;
                }
                Reports made = new Reports(store, TermDates::defaults, java.time.Clock.systemUTC(), split);
                String how = split.coarse() ? "weeks and months" : "days only";
                inProcess("school year per month, " + how, () -> made.make(year, Granularity.MONTH, Role.VIEWER));
                inProcess("school year per week, " + how, () -> made.make(year, Granularity.WEEK, Role.VIEWER));
                inProcess("autumn term per week, " + how, () -> made.make(autumn, Granularity.WEEK, Role.VIEWER));
            }
            Report report = reports.make(year, Granularity.WEEK, Role.VIEWER);
            inProcess("charts of the school year per week", () -> Charts.of(report));
        }
    }

    /**
     * The pages through the real console, round-robin after a round-robin warm-up ({@code -Dwarmup=N},
     * {@code -Drounds=N}).
     */
    private static void pages(Path dataDir, String year, String autumn) throws Exception {
        try (Console console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(),
                PASSWORD))) {
            BenchBrowser client = new BenchBrowser("http://127.0.0.1:" + console.httpPort());
            client.signIn("admin", PASSWORD, () -> Phone.freshCode(dataDir, AdminDsl.USERNAME));
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("reports: school year, per month", "/reports?" + year + "&by=month");
            pages.put("reports: school year, per week", "/reports?" + year + "&by=week");
            pages.put("reports: autumn term, per week", "/reports?" + autumn);
            pages.put("reports: this term (empty)", "/reports");
            pages.put("overview: school year", "/overview?" + year);
            pages.put("governor report PDF: school year", "/reports/governors.pdf?" + year);
            pages.put("governor report CSV: school year", "/reports/governors.csv?" + year);
            System.out.println("pages, round-robin (load average " + loadAverage() + " at the start):");
            System.out.println(BenchBrowser.HEADINGS);
            client.measureRoundRobin(pages, Integer.getInteger("warmup", 10), Integer.getInteger("rounds", 30));
            System.out.println("(load average " + loadAverage() + " at the end)");
        }
    }

    private static void inProcess(String name, java.util.function.Supplier<?> report) {
        long[] millis = new long[Integer.getInteger("repeats", 20)];
        for (int i = -Math.min(5, millis.length); i < millis.length; i++) {
            long started = System.nanoTime();
            report.get();
            if (i >= 0) {
                millis[i] = (System.nanoTime() - started) / 1_000_000;
            }
        }
        java.util.Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "  %-44s p50 %6d ms  p95 %6d ms  (load average %s)%n", name,
                millis[millis.length / 2], millis[(int) Math.ceil(millis.length * 0.95) - 1], loadAverage());
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /**
     * Fills the database: captures into one migrated to V27, then the console's migrations build the aggregates;
     * returns the time taken, or -1 if it was full.
     */
    private static long fillIfNeeded(Path dataDir, int count) throws SQLException {
        Path file = dataDir.resolve("vigil.db");
        if (Files.exists(file)) {
            try (Database database = Database.open(file); Connection connection = database.connect()) {
                if (single(connection, "SELECT count(*) FROM captures") >= count) {
                    return -1;
                }
            }
            throw new IllegalStateException(file + " holds fewer captures than asked for: delete it to fill again");
        }
        long started = System.currentTimeMillis();
        try (SqliteBackend backend = SqliteBackend.file(file)) {
            Flyway.configure().dataSource(backend.dataSource()).locations(backend.migrations()).target("27").load()
                    .migrate();
            try (Connection connection = backend.dataSource().getConnection()) {
                fillCaptures(connection, count);
            }
        }
        try (Database database = Database.open(file); Connection connection = database.connect();
             Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
        return System.currentTimeMillis() - started;
    }

    private static void fillCaptures(Connection connection, int count) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // the fill only: a big page cache and no fsync per commit (the console sets its own on its connections)
            statement.execute("PRAGMA cache_size = -400000");
            statement.execute("PRAGMA synchronous = OFF");
        }
        connection.setAutoCommit(false);
        insertDevicesAndPupils(connection);
        insertCaptures(connection, count, new Random(42), false);
        connection.commit();
    }

    private static void insertDevicesAndPupils(Connection connection) throws SQLException {
        BenchDevices.insert(connection, DEVICES);
        try (PreparedStatement pupil = connection.prepareStatement("INSERT INTO pupils (login, given_name,"
                + " family_name, year_group, form, source, updated_at) VALUES (?, 'Given', 'Family', ?, ?, 'CSV', 0)");
             PreparedStatement login = connection.prepareStatement("INSERT INTO pupil_logins (login, pupil_id, source,"
                     + " linked_by, linked_at) SELECT login, id, 'DIRECTORY', 'bench', 0 FROM pupils")) {
            for (int p = 0; p < PUPILS; p++) {
                int year = 7 + p % 7;
                pupil.setString(1, String.format(Locale.ROOT, "pupil%04d", p));
                pupil.setString(2, "Year " + year);
                pupil.setString(3, year + "ABCD".substring(p % 4, p % 4 + 1));
                pupil.addBatch();
            }
            pupil.executeBatch();
            login.executeUpdate();
        }
    }

    /**
     * A school year of captures: mostly low severity; most decided, many of them false positives; reviewed within
     * minutes to days; escalations closed with an outcome; 1 in 20 from a login not in the directory.
     */
    static void insertCaptures(Connection connection, int count, Random random, boolean firstReviewed)
            throws SQLException {
        long start = YEAR_START.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long year = YEAR_START.plusYears(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - start;
        int[] severities = {1, 1, 1, 2, 2, 2, 3, 3, 4, 5};
        String[] statuses = {"NEW", "IN_REVIEW", "ESCALATED", "CLOSED", "NO_FURTHER_ACTION", "FALSE_POSITIVE",
            "FALSE_POSITIVE", "NO_FURTHER_ACTION", "NO_FURTHER_ACTION", "FALSE_POSITIVE"};
        long[] reviewMinutes = {2, 4, 10, 20, 45, 90, 200, 600, 1500, 4000};
        List<String> categories = KnownCategories.IDS;
        CaseOutcome[] outcomes = CaseOutcome.values();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO captures (event_id, device_id, seq,"
                + " occurred_at, received_at, os_user, window_title, app, category, severity, rule_id, matched_text,"
                + " context, match_start, match_end, explanation, status, status_changed_at, first_opened_at,"
                + (firstReviewed ? " first_reviewed_at," : "") + " outcome, escalated_to, closed_by, closed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?,"
                + " 'Untitled document', 'chrome', ?, ?, ?, 'matched words', 'some typed text with the matched words"
                + " in it', 20, 33, 'matched the phrase', ?, ?, ?, " + (firstReviewed ? "?, " : "") + "?, ?, ?, ?)")) {
            for (int i = 0; i < count; i++) {
                // in time order, as agents deliver them
                long occurred = start + (long) ((i + random.nextDouble()) * year / count);
                long received = occurred + 500;
                String status = statuses[random.nextInt(statuses.length)];
                Long reviewed = status.equals("NEW") ? null
                        : received + reviewMinutes[random.nextInt(reviewMinutes.length)] * 60_000;
                boolean closed = status.equals("CLOSED");
                insert.setString(1, "bench-" + i);
                insert.setString(2, String.format(Locale.ROOT, "device-%04d", random.nextInt(DEVICES)));
                insert.setLong(3, i);
                insert.setLong(4, occurred);
                insert.setLong(5, received);
                insert.setString(6, random.nextInt(20) == 0 ? "guest" + random.nextInt(50)
                        : String.format(Locale.ROOT, "pupil%04d", random.nextInt(PUPILS)));
                String category = categories.get(random.nextInt(categories.size()));
                insert.setString(7, category);
                insert.setInt(8, severities[random.nextInt(severities.length)]);
                insert.setString(9, category + ".txt:" + (1 + random.nextInt(40)));
                insert.setString(10, status);
                insert.setObject(11, reviewed);
                insert.setObject(12, reviewed);
                int next = 13;
                if (firstReviewed) {
                    // before V29 there is no such column: V29 sets it from the opening (the same time)
                    insert.setObject(next++, reviewed);
                }
                insert.setObject(next++, closed ? outcomes[random.nextInt(outcomes.length)].name() : null);
                insert.setObject(next++, closed ? "MASH" : null);
                insert.setObject(next++, closed ? "dsl" : null);
                insert.setObject(next, closed ? reviewed + 3L * 24 * 60 * 60_000 : null);
                insert.addBatch();
                if (i % 10_000 == 9_999) {
                    insert.executeBatch();
                }
                if (i % 100_000 == 99_999 && count > 200_000) {
                    connection.commit();
                }
            }
            insert.executeBatch();
        }
    }

    /**
     * Microseconds per capture inserted, the rounds one after another in the same run: with the aggregate triggers
     * as they were before V45 (the console's migrations up to V40: a cascade from the captures to days, weeks,
     * months and category rows, without the school), with V45's (every grain per school, written by one trigger
     * program on the captures), and with none. Each round inserts the captures twice: as the fill writes them
     * (most reviewed and many closed, so the delays are counted too) and as ingest writes them (New, neither
     * reviewed nor closed).
     */
    private static void triggerCost(Path scratch) throws SQLException {
        int n = Integer.getInteger("costCaptures", 100_000);
        int repeats = Integer.getInteger("costRepeats", 1);
        String[] rounds = {"before V45 (V29 + V31 + V40)", "V45 per school", "none"};
        double[][][] micros = new double[rounds.length][2][repeats];
        // the rounds interleaved, repeat after repeat, so the machine's load falls on each alike
        for (int repeat = 0; repeat < repeats; repeat++) {
            for (int round = 0; round < rounds.length; round++) {
                double[] cost = insertCost(scratch.resolve("cost-" + repeat + "-" + round + ".db"), round == 0,
                        round == rounds.length - 1, n);
                micros[round][0][repeat] = cost[0];
                micros[round][1][repeat] = cost[1];
            }
        }
        System.out.printf(Locale.ROOT, "insert cost per capture (%,d in one transaction, median of %d interleaved"
                + " rounds, load average %s):%n", n, repeats, loadAverage());
        for (int round = 0; round < rounds.length; round++) {
            System.out.printf(Locale.ROOT, "  %-30s as filled (reviewed, closed) %8.1f us   as ingested (New) %8.1f us"
                    + "   (each round: %s / %s)%n", rounds[round], median(micros[round][0]), median(micros[round][1]),
                    rounded(micros[round][0]), rounded(micros[round][1]));
        }
    }

    /**
     * Microseconds per capture inserted into a fresh database, as the fill writes them and then as ingest does:
     * with the triggers of the console's migrations up to V40, or of them all, or with none.
     */
    private static double[] insertCost(Path file, boolean beforeV45, boolean noTriggers, int n) throws SQLException {
        if (beforeV45) {
            try (SqliteBackend backend = SqliteBackend.file(file)) {
                Flyway.configure().dataSource(backend.dataSource()).locations(backend.migrations()).target("40")
                        .load().migrate();
            }
        }
        try (SqliteBackend backend = SqliteBackend.file(file);
             Connection connection = beforeV45 ? backend.dataSource().getConnection()
                     : migrated(backend).dataSource().getConnection()) {
            connection.setAutoCommit(false);
            insertDevicesAndPupils(connection);
            if (noTriggers) {
                dropReportTriggers(connection);
            }
            connection.commit();
            insertCaptures(connection, 5_000, new Random(1), true);
            connection.rollback();
            double[] micros = new double[2];
            long started = System.nanoTime();
            insertCaptures(connection, n, new Random(7), true);
            connection.commit();
            micros[0] = (System.nanoTime() - started) / 1000.0 / n;
            started = System.nanoTime();
            insertNewCaptures(connection, n, new Random(9));
            connection.commit();
            micros[1] = (System.nanoTime() - started) / 1000.0 / n;
            return micros;
        }
    }

    private static String rounded(double[] micros) {
        return String.join(", ", java.util.Arrays.stream(micros).mapToObj(us -> String.format(Locale.ROOT, "%.0f", us))
                .toList());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static SqliteBackend migrated(SqliteBackend backend) {
        Flyway.configure().dataSource(backend.dataSource()).locations(backend.migrations()).load().migrate();
        return backend;
    }

    private static void dropReportTriggers(Connection connection) throws SQLException {
        List<String> triggers = new java.util.ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                        + " AND (name LIKE 'report%' OR name = 'captures_first_review')")) {
            while (rows.next()) {
                triggers.add(rows.getString(1));
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String trigger : triggers) {
                statement.execute("DROP TRIGGER " + trigger);
            }
        }
    }

    /** Captures as ingest writes them: New, neither reviewed nor closed, spread over the year. */
    private static void insertNewCaptures(Connection connection, int count, Random random) throws SQLException {
        long start = YEAR_START.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long year = YEAR_START.plusYears(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - start;
        List<String> categories = KnownCategories.IDS;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO captures (event_id, device_id, seq,"
                + " occurred_at, received_at, os_user, window_title, app, category, severity, rule_id, matched_text,"
                + " context, match_start, match_end, explanation) VALUES (?, ?, ?, ?, ?, ?, 'Untitled document',"
                + " 'chrome', ?, ?, ?, 'matched words', 'some typed text with the matched words in it', 20, 33,"
                + " 'matched the phrase')")) {
            for (int i = 0; i < count; i++) {
                long occurred = start + (long) ((i + random.nextDouble()) * year / count);
                String category = categories.get(random.nextInt(categories.size()));
                insert.setString(1, "ingested-" + i);
                insert.setString(2, String.format(Locale.ROOT, "device-%04d", random.nextInt(DEVICES)));
                insert.setLong(3, 1_000_000_000L + i);
                insert.setLong(4, occurred);
                insert.setLong(5, occurred + 500);
                insert.setString(6, String.format(Locale.ROOT, "pupil%04d", random.nextInt(PUPILS)));
                insert.setString(7, category);
                insert.setInt(8, 1 + random.nextInt(5));
                insert.setString(9, category + ".txt:" + (1 + random.nextInt(40)));
                insert.addBatch();
                if (i % 10_000 == 9_999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
