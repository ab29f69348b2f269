package org.vigil.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Captures (stored events) and their screenshots. */
public final class CaptureRepository {
    private static final Logger LOG = LoggerFactory.getLogger(CaptureRepository.class);
    /**
     * Captures go in as one statement of many rows (up to {@link #ROWS_PER_INSERT}): on PostgreSQL each statement is a
     * round trip to the server, and one per capture left a batch waiting on the network and the scheduler far
     * longer than on the work (ADR 0200). Rows already stored (same device and event id) are skipped; the new
     * ones come back with their device and event ids, as a multi-row RETURNING names no order.
     */
    private static final String INSERT_HEAD = "INSERT INTO captures (event_id, device_id, seq, occurred_at,"
            + " received_at, os_user, window_title, app, category, severity, rule_id, matched_text, context,"
            + " match_start, match_end, explanation, screenshot_sha256, screenshot_media_type, screenshot_width,"
            + " screenshot_height, school_id) VALUES ";
    private static final String INSERT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " (SELECT school_id FROM devices WHERE id = ?))";
    private static final String INSERT_TAIL = " ON CONFLICT (device_id, event_id) DO NOTHING"
            + " RETURNING id, device_id, event_id";
    private static final int PARAMETERS_PER_ROW = 21;
    /** 64 rows: 1,344 parameters, far below either database's limit, and the round trips a small part of a batch. */
    static final int ROWS_PER_INSERT = 64;
    private static final String SELECT_ONE = "SELECT c.id, c.event_id, c.device_id, d.hostname, c.seq,"
            + " c.occurred_at, c.received_at, c.os_user, c.window_title, c.app, c.category, c.severity, c.rule_id,"
            + " c.matched_text, c.context, c.match_start, c.match_end, c.explanation, c.screenshot_sha256,"
            + " c.screenshot_media_type, c.screenshot_width, c.screenshot_height, c.status, c.school_id"
            + " FROM captures c JOIN devices d ON d.id = c.device_id WHERE c.id = ?";

    private final Database database;
    private final ScreenshotStore screenshots;
    private final Clock clock;
    private final NewCaptureHook inTransaction;
    private final List<CaptureListener> listeners = new CopyOnWriteArrayList<>();

    /** @param inTransaction runs in each new capture's transaction (the alert outbox); if it throws, none is stored */
    public CaptureRepository(Database database, ScreenshotStore screenshots, Clock clock,
                             NewCaptureHook inTransaction) {
        this.database = database;
        this.screenshots = screenshots;
        this.clock = clock;
        this.inTransaction = inTransaction;
    }

    /** Tells the listener about every capture stored from now on, after its transaction commits. */
    public void addListener(CaptureListener listener) {
        listeners.add(listener);
    }

    /**
     * Stores the capture and its screenshot unless a capture with its event id is already stored. When this
     * returns, the capture is committed (the screenshot file is synced before the commit) and listeners were told.
     *
     * @return true if stored now, false if it was already there
     */
    public StoreOutcome storeIfAbsent(NewCapture capture) {
        return storeAllIfAbsent(List.of(capture)).get(0);
    }

    /**
     * Stores many captures in one transaction (one disk sync for all: group commit), each unless already stored.
     * Each new capture's {@link NewCaptureHook} work (its alerts) is in the same transaction. When this returns, all
     * are committed and listeners were told of the new ones; if it throws, none is stored.
     *
     * A capture from a device revoked before this transaction is not stored (issue 13: a flooding device's events
     * went on being stored after its revocation committed); as the transaction holds the write lock, nothing can be
     * revoked between the check and the inserts.
     *
     * @return for each capture in order, what storing it did
     */
    public List<StoreOutcome> storeAllIfAbsent(List<NewCapture> batch) {
        List<Optional<Long>> ids = new ArrayList<>(batch.size());
        List<StoreOutcome> outcomes = database.inTransaction(connection -> {
            ids.clear(); // run again after losing to a concurrent transaction (PostgreSQL): only this attempt's ids
            Set<String> revoked = revoked(connection, batch);
            List<NewCapture> allowed = batch.stream().filter(capture -> !revoked.contains(capture.deviceId())).toList();
            Map<String, Long> inserted = new HashMap<>();
            for (int from = 0; from < allowed.size(); from += ROWS_PER_INSERT) {
                inserted.putAll(insertIfAbsent(connection,
                        allowed.subList(from, Math.min(allowed.size(), from + ROWS_PER_INSERT))));
            }
            List<StoreOutcome> out = new ArrayList<>(batch.size());
            for (NewCapture capture : batch) {
                if (revoked.contains(capture.deviceId())) {
                    ids.add(Optional.empty());
                    out.add(StoreOutcome.DEVICE_REVOKED);
                    continue;
                }
                // removed once claimed: the same event twice in one batch is stored once, then "already stored"
                Optional<Long> id = Optional.ofNullable(inserted.remove(key(capture.deviceId(), capture.eventId())));
                id.ifPresent(captureId -> inTransaction.inserted(captureId, capture));
                ids.add(id);
                out.add(id.isPresent() ? StoreOutcome.STORED : StoreOutcome.ALREADY_STORED);
            }
            return out;
        });
        ids.forEach(id -> id.ifPresent(this::notifyStored));
        return outcomes;
    }

    private static Set<String> revoked(Connection connection, List<NewCapture> batch) throws SQLException {
        List<String> devices = batch.stream().map(NewCapture::deviceId).distinct().toList();
        String marks = String.join(", ", Collections.nCopies(devices.size(), "?"));
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT id FROM devices WHERE revoked_at IS NOT NULL AND id IN (" + marks + ")")) {
            for (int i = 0; i < devices.size(); i++) {
                statement.setString(i + 1, devices.get(i));
            }
            Set<String> out = new HashSet<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    out.add(rows.getString(1));
                }
            }
            return out;
        }
    }

    private void notifyStored(long id) {
        for (CaptureListener listener : listeners) {
            try {
                listener.stored(id);
            } catch (RuntimeException e) {
                LOG.warn("A capture listener failed on capture {}; the capture is stored", id, e);
            }
        }
    }

    /**
     * ON CONFLICT DO NOTHING: a resent event (same event id) changes nothing. Its screenshot is put first either way;
     * the store is content-addressed, so a resend writes the same file again.
     *
     * @return the new captures' ids by {@link #key device and event id}; those already stored are absent
     */
    private Map<String, Long> insertIfAbsent(Connection connection, List<NewCapture> rows) throws SQLException {
        String sql = INSERT_HEAD + String.join(", ", Collections.nCopies(rows.size(), INSERT_ROW)) + INSERT_TAIL;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int at = 0;
            for (NewCapture capture : rows) {
                bindRow(statement, at, capture);
                at += PARAMETERS_PER_ROW;
            }
            Map<String, Long> inserted = new HashMap<>();
            try (ResultSet returned = statement.executeQuery()) {
                while (returned.next()) {
                    inserted.put(key(returned.getString(2), returned.getString(3)), returned.getLong(1));
                }
            }
            return inserted;
        }
    }

    private static String key(String deviceId, String eventId) {
        return deviceId + "\n" + eventId;
    }

    private void bindRow(PreparedStatement statement, int at, NewCapture capture) throws SQLException {
        Optional<ScreenshotStore.StoredScreenshot> stored = capture.screenshot()
                .map(image -> screenshots.put(image.data(), image.mediaType()));
        statement.setString(at + 1, capture.eventId());
        statement.setString(at + 2, capture.deviceId());
        statement.setLong(at + 3, capture.seq());
        statement.setLong(at + 4, capture.occurredAt());
        statement.setLong(at + 5, clock.millis());
        statement.setString(at + 6, capture.osUser());
        statement.setString(at + 7, capture.windowTitle());
        statement.setString(at + 8, capture.app());
        statement.setString(at + 9, capture.category());
        statement.setInt(at + 10, capture.severity());
        statement.setString(at + 11, capture.ruleId());
        statement.setString(at + 12, capture.matchedText());
        statement.setString(at + 13, capture.context());
        statement.setInt(at + 14, capture.matchStart());
        statement.setInt(at + 15, capture.matchEnd());
        statement.setString(at + 16, capture.explanation());
        if (stored.isPresent()) {
            ScreenshotImage image = capture.screenshot().orElseThrow();
            statement.setString(at + 17, stored.get().sha256());
            statement.setString(at + 18, stored.get().mediaType());
            statement.setInt(at + 19, image.width());
            statement.setInt(at + 20, image.height());
        } else {
            statement.setNull(at + 17, Types.VARCHAR);
            statement.setNull(at + 18, Types.VARCHAR);
            statement.setNull(at + 19, Types.INTEGER);
            statement.setNull(at + 20, Types.INTEGER);
        }
        // the device's school at ingest: the capture stays with the school that recorded it (ADR 0175)
        statement.setString(at + 21, capture.deviceId());
    }

    /**
     * Records that a case export included the capture now: a closed case's retention counts from its export to the
     * school's case-management system (ADR 0142).
     */
    public void markExported(long captureId) {
        database.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE captures SET exported_at = ? WHERE id = ?")) {
                statement.setLong(1, clock.millis());
                statement.setLong(2, captureId);
                return statement.executeUpdate();
            }
        });
    }

    public long count() {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM captures");
                 ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** The capture, whichever school it belongs to: for the console's own work (alerts, retention, holds). */
    public Optional<Capture> find(long id) {
        return find(id, SchoolScope.ONE_SCHOOL_CONSOLE);
    }

    /** The capture if it belongs to one of the scope's schools (a user's request: ADR 0176). */
    public Optional<Capture> find(long id, SchoolScope scope) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    SELECT_ONE + scope.condition("c.school_id"))) {
                statement.setLong(1, id);
                bind(statement, 2, scope.values());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(toCapture(rows)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Up to {@code limit} of the scope's captures with an id above {@code afterId}, oldest first (a live queue
     * catching up).
     */
    public List<Capture> after(long afterId, int limit, SchoolScope scope) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    SELECT_ONE.replace("WHERE c.id = ?", "WHERE c.id > ?" + scope.condition("c.school_id")
                            + " ORDER BY c.id LIMIT ?"))) {
                statement.setLong(1, afterId);
                int next = bind(statement, 2, scope.values());
                statement.setInt(next, limit);
                List<Capture> found = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        found.add(toCapture(rows));
                    }
                }
                return found;
            }
        });
    }

    /** Binds the values from {@code first} on; returns the next parameter's index. */
    private static int bind(PreparedStatement statement, int first, List<Object> values) throws SQLException {
        int index = first;
        for (Object value : values) {
            statement.setObject(index++, value);
        }
        return index;
    }

    private static Capture toCapture(ResultSet rows) throws SQLException {
        String sha256 = rows.getString(19);
        Optional<ScreenshotRef> screenshot = sha256 == null
                ? Optional.empty()
                : Optional.of(new ScreenshotRef(sha256, rows.getString(20), rows.getInt(21), rows.getInt(22)));
        return new Capture(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getString(4),
                rows.getLong(5), Instant.ofEpochMilli(rows.getLong(6)), Instant.ofEpochMilli(rows.getLong(7)),
                rows.getString(8), rows.getString(9), rows.getString(10), rows.getString(11), rows.getInt(12),
                rows.getString(13), rows.getString(14), rows.getString(15), rows.getInt(16), rows.getInt(17),
                rows.getString(18), screenshot, rows.getString(23), rows.getLong(24));
    }
}
