package org.vigil.console.alerts;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.vigil.console.ConsoleHome;
import org.vigil.console.ConsoleServices;
import org.vigil.console.store.NewCapture;
import org.vigil.console.store.NewDevice;
import org.vigil.console.store.School;
import org.vigil.testing.SettableClock;

/**
 * A real console's services over a SQLite file in a test's directory, on a {@link SettableClock}: DSLs and other
 * users, one device, captures stored through the real capture repository (and so the real outbox and rules), and
 * the outbox read back. {@link #restart} closes and opens it again, as a console restart would.
 */
public final class AlertWorld implements AutoCloseable {
    public static final String DEVICE = "lab-pc-07";
    public static final String PUPIL = "pupil07";

    private final Path dataDir;
    private final SettableClock clock;
    private ConsoleServices services;
    private String deviceId;

    public AlertWorld(Path dataDir, SettableClock clock) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.services = ConsoleServices.over(ConsoleHome.openOrCreate(dataDir), clock);
    }

    public ConsoleServices services() {
        return services;
    }

    public SettableClock clock() {
        return clock;
    }

    public void restart() {
        services.close();
        services = ConsoleServices.over(ConsoleHome.openOrCreate(dataDir), clock);
    }

    /** A user with the role and, when given, an email address; returns the id. */
    public long user(String username, String role, Optional<String> email) {
        services.users().createIfAbsent(username, "not a hash", role, false, false, email);
        return services.users().findByUsername(username).orElseThrow().id();
    }

    public long dsl(String username) {
        return user(username, "DSL", Optional.of(username + "@school.example"));
    }

    /** Stores a capture now (the clock's now) from the first school's device and returns its id. */
    public long capture(int severity, String category) {
        if (deviceId == null) {
            deviceId = device(School.FIRST, DEVICE);
        }
        return capture(deviceId, severity, category);
    }

    /** Enrols a device of that school, with a token of its own, and returns the device's id. */
    public String device(long schoolId, String hostname) {
        long token = services.enrolmentTokens().create("test", "test", 30, Optional.empty(), schoolId).id();
        String id = UUID.randomUUID().toString();
        services.devices().insert(new NewDevice(id, "x", hostname, "linux", "1", PUPIL, token));
        return id;
    }

    /** Stores a capture from that device now (the clock's now) and returns its id. */
    public long capture(String fromDevice, int severity, String category) {
        String eventId = UUID.randomUUID().toString();
        services.captures().storeIfAbsent(new NewCapture(eventId, fromDevice, System.nanoTime(), clock.millis(),
                PUPIL, "Private diary", "chrome", category, severity, category + ".txt:1", "secret typed words",
                "the pupil typed secret typed words here", 18, 36, "x", Optional.empty()));
        return Long.parseLong(query("SELECT id FROM captures WHERE event_id = '" + eventId + "'").get(0).get(0));
    }

    /** The outbox's rows of a kind: "channel recipient dedupe_key subject", oldest first. */
    public List<String> outbox(String kind) {
        return query("SELECT channel || ' ' || recipient || ' ' || dedupe_key || ' ' || coalesce(subject, '')"
                + " FROM alert_outbox WHERE kind = '" + kind + "' ORDER BY id").stream().map(r -> r.get(0)).toList();
    }

    /** The body of the one outbox row of that kind for that recipient. */
    public String body(String kind, String recipient) {
        List<List<String>> rows = query("SELECT body FROM alert_outbox WHERE kind = '" + kind
                + "' AND recipient = '" + recipient + "'");
        if (rows.size() != 1) {
            throw new AssertionError(rows.size() + " " + kind + " rows for " + recipient);
        }
        return rows.get(0).get(0);
    }

    /** Rows of a query as text, for reading back what the console wrote. */
    public List<List<String>> query(String sql) {
        try (Connection connection = services.home().database().connect();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            List<List<String>> out = new ArrayList<>();
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(String.valueOf(rows.getString(i)));
                }
                out.add(row);
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        services.close();
    }
}
