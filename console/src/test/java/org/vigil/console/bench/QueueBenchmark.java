package org.vigil.console.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.vigil.console.AdminDsl;
import org.vigil.console.Phone;
import org.vigil.console.Console;
import org.vigil.console.ConsoleConfig;
import org.vigil.console.store.Database;
import org.vigil.console.triage.KnownCategories;

/**
 * How long the console takes to serve its triage pages over a real SQLite file of 1,000,000 captures (or
 * {@code -Dcaptures=N}). Fills the database once (reused on later runs), starts the real console on it, signs in
 * over HTTP and reads each page's {@code Server-Timing} (query and render on the server) and the client's round
 * trip. Run on demand: {@code console/bench/run-queue-benchmark.sh}; not part of the test suite.
 */
public final class QueueBenchmark {
    private static final String PASSWORD = "benchmark passphrase";
    private static final int PUPILS = 2_000;
    private static final int DEVICES = 300;
    private static final String[] GIVEN_NAMES = {"Amelia", "Oliver", "Isla", "Noah", "Ava", "Leo", "Mia", "Arthur",
        "Ivy", "Muhammad", "Freya", "George", "Zoë", "Theo", "Maya", "Oscar", "Aisha", "Harry", "Lily", "Jacob"};
    private static final String[] FAMILY_NAMES = {"Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans",
        "Wilson", "Thomas", "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
        "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin",
        "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen",
        "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths",
        "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Miller",
        "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh", "Begum", "Wilkinson",
        "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali", "Hunt", "Hussain", "Campbell",
        "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight", "Lloyd", "Butler", "Russell", "Barker",
        "Fisher", "Stevens", "Jenkins", "Murray", "Dixon", "Harvey"};

    private QueueBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.getInteger("captures", 1_000_000);
        Path dataDir = Path.of(System.getProperty("dataDir", "target/bench-console-" + count));
        Files.createDirectories(dataDir);
        long fillMillis = fillIfNeeded(dataDir, count);
        try (Console console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD))) {
            BenchBrowser client = new BenchBrowser("http://127.0.0.1:" + console.httpPort());
            client.signIn("admin", PASSWORD, Phone.freshCode(dataDir, AdminDsl.USERNAME));
            Map<String, String> pages = pages(client, dataDir);
            System.out.printf(Locale.ROOT, "captures: %,d (fill: %s)%n", count,
                    fillMillis < 0 ? "reused" : fillMillis / 1000 + " s");
            System.out.println(BenchBrowser.HEADINGS);
            for (Map.Entry<String, String> page : pages.entrySet()) {
                client.measure(page.getKey(), page.getValue());
            }
        }
    }

    private static Map<String, String> pages(BenchBrowser client, Path dataDir) throws Exception {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("queue: New (default)", "/captures");
        pages.put("queue: All", "/captures?status=ALL");
        pages.put("queue: Escalated", "/captures?status=ESCALATED");
        pages.put("queue: All, category drugs", "/captures?status=ALL&category=drugs");
        pages.put("queue: New, severity >= 4", "/captures?severity=4");
        pages.put("queue: All, one pupil", "/captures?status=ALL&pupil=pupil0042");
        pages.put("queue: All, part of a name", "/captures?status=ALL&pupil=" + FAMILY_NAMES[3].substring(0, 4));
        pages.put("queue: All, year 9", "/captures?status=ALL&year=9");
        pages.put("queue: All, year 9 form 9B", "/captures?status=ALL&year=9&form=9B");
        pages.put("queue: All, one device", "/captures?status=ALL&device=device-0007");
        LocalDate month = LocalDate.now().minusMonths(3);
        pages.put("queue: All, one month", "/captures?status=ALL&from=" + month + "&until=" + month.plusDays(30));
        String deep = "/captures?status=ALL";
        for (int i = 0; i < 20; i++) {
            deep = client.nextHref(deep);
        }
        pages.put("queue: All, page 21 (keyset)", deep);
        long id = single(dataDir, "SELECT max(id) / 2 FROM captures");
        pages.put("capture page", "/captures/" + id);
        pages.put("pupil history", "/history/pupil?name=pupil0042");
        pages.put("device history", "/history/device?id=device-0007");
        pages.put("overview (12 weeks, all captures)", "/overview");
        pages.put("audit log", "/audit");
        return pages;
    }

    /** Fills the database through the console's own migrations; returns the time taken, or -1 if it was full. */
    private static long fillIfNeeded(Path dataDir, int count) throws SQLException {
        Database database = Database.open(dataDir.resolve("vigil.db"));
        try (Connection connection = database.connect()) {
            if (single(connection, "SELECT count(*) FROM captures") >= count) {
                return -1;
            }
            long started = System.currentTimeMillis();
            connection.setAutoCommit(false);
            BenchDevices.insert(connection, DEVICES);
            insertPupils(connection);
            insertCaptures(connection, count);
            connection.commit();
            try (Statement statement = connection.createStatement()) {
                statement.execute("ANALYZE");
            }
            connection.commit();
            return System.currentTimeMillis() - started;
        }
    }

    /**
     * The directory (ADR 0151): every pupil but one in fifty (their logins show "not in the directory"), years 7 to
     * 13 with four forms each.
     */
    private static void insertPupils(Connection connection) throws SQLException {
        try (PreparedStatement pupil = connection.prepareStatement("INSERT INTO pupils (id, login, given_name,"
                + " family_name, year_group, form, source, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'CSV', 0)");
             PreparedStatement login = connection.prepareStatement("INSERT INTO pupil_logins (login, pupil_id,"
                     + " source, linked_by, linked_at) VALUES (?, ?, 'DIRECTORY', 'bench', 0)")) {
            for (int p = 0; p < PUPILS; p++) {
                if (p % 50 == 49) {
                    continue;
                }
                String name = String.format(Locale.ROOT, "pupil%04d", p);
                int year = 7 + p % 7;
                pupil.setLong(1, p + 1);
                pupil.setString(2, name);
                pupil.setString(3, GIVEN_NAMES[p % GIVEN_NAMES.length]);
                pupil.setString(4, FAMILY_NAMES[(p / GIVEN_NAMES.length) % FAMILY_NAMES.length]);
                pupil.setString(5, Integer.toString(year));
                pupil.setString(6, year + "ABCD".substring(p / 7 % 4, p / 7 % 4 + 1));
                pupil.addBatch();
                login.setString(1, name);
                login.setLong(2, p + 1);
                login.addBatch();
            }
            pupil.executeBatch();
            login.executeBatch();
        }
    }

    /** A year of captures: mostly low severity, mostly already closed, as a school's history would look. */
    private static void insertCaptures(Connection connection, int count) throws SQLException {
        Random random = new Random(42);
        long now = Instant.now().toEpochMilli();
        long year = 365L * 24 * 60 * 60 * 1000;
        int[] severities = {1, 1, 1, 2, 2, 2, 3, 3, 4, 5};
        String[] statuses = {"NEW", "IN_REVIEW", "ESCALATED", "NO_FURTHER_ACTION", "FALSE_POSITIVE",
            "FALSE_POSITIVE", "FALSE_POSITIVE", "NO_FURTHER_ACTION", "NO_FURTHER_ACTION", "FALSE_POSITIVE"};
        List<String> categories = KnownCategories.IDS;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO captures (event_id, device_id, seq,"
                + " occurred_at, received_at, os_user, window_title, app, category, severity, rule_id, matched_text,"
                + " context, match_start, match_end, explanation, status) VALUES (?, ?, ?, ?, ?, ?, 'Untitled document',"
                + " 'chrome', ?, ?, ?, 'matched words', 'some typed text with the matched words in it', 20, 33,"
                + " 'matched the phrase', ?)")) {
            for (int i = 0; i < count; i++) {
                long occurred = now - (long) (random.nextDouble() * year);
                insert.setString(1, "bench-" + i);
                insert.setString(2, String.format(Locale.ROOT, "device-%04d", random.nextInt(DEVICES)));
                insert.setLong(3, i);
                insert.setLong(4, occurred);
                insert.setLong(5, occurred + 500);
                insert.setString(6, String.format(Locale.ROOT, "pupil%04d", random.nextInt(PUPILS)));
                String category = categories.get(random.nextInt(categories.size()));
                insert.setString(7, category);
                insert.setInt(8, severities[random.nextInt(severities.length)]);
                insert.setString(9, category + ".txt:" + (1 + random.nextInt(40)));
                // recent captures are more often still open
                insert.setString(10, now - occurred < year / 26 ? statuses[random.nextInt(3)]
                        : statuses[3 + random.nextInt(statuses.length - 3)]);
                insert.addBatch();
                if (i % 10_000 == 9_999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
    }

    private static long single(Path dataDir, String sql) throws SQLException {
        try (Connection connection = Database.open(dataDir.resolve("vigil.db")).connect()) {
            return single(connection, sql);
        }
    }

    private static long single(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
