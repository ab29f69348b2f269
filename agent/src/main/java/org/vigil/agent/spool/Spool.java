package org.vigil.agent.spool;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Screenshot;

/**
 * The agent's durable spool: every event is written here (and synced to disk) before anything else happens to it,
 * and leaves only when the console acknowledges it. A SQLite file in the agent's data dir (docs/adr/0041).
 *
 * <p>Bounded by {@code maxBytes} of event data. When a new event does not fit, the spool makes room by dropping
 * screenshots, oldest first, and only when no screenshot is left, whole events, oldest first. Each drop is counted
 * in the file itself, so the counts survive restarts and reach the console in the next Hello and heartbeat.
 *
 * <p>There is no lease column: what has been sent but not acknowledged is the sender's in-memory state, so after
 * a restart (or kill -9) every event still here is simply sent again, oldest first. Thread-safe.
 */
public final class Spool implements AutoCloseable {
    /** Free pages (4 KB each by default) worth giving back once the spool is empty: 4 MB, a few screenshots. */
    private static final long SHRINK_AT_FREE_PAGES = 1024;
    public static final String FILE_NAME = "spool.db";
    public static final long DEFAULT_MAX_BYTES = 200L * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(Spool.class);
    private static final String SCREENSHOTS_DROPPED = "screenshots_dropped";
    private static final String EVENTS_DROPPED = "events_dropped";

    private final Path file;
    private final long maxBytes;
    private final long maxEventBytes;
    private final Connection connection;
    private long bytes;
    private long depth;
    private DropCounts drops;

    private Spool(Path file, long maxBytes, long maxEventBytes, Connection connection) {
        this.file = file;
        this.maxBytes = maxBytes;
        this.maxEventBytes = maxEventBytes;
        this.connection = connection;
    }

    /**
     * Opens (creating if needed, owner-only) the spool in {@code dataDir}.
     *
     * @param maxBytes      the most event data kept; beyond it the drop policy applies
     * @param maxEventBytes an event larger than this (a wire limit) loses its screenshot before it is spooled
     */
    public static Spool open(Path dataDir, long maxBytes, long maxEventBytes) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            createOwnerOnly(file);
            Properties settings = new Properties();
            settings.setProperty("journal_mode", "WAL");
            // FULL: a commit is on disk when it returns, so an event survives a power cut, not just kill -9
            settings.setProperty("synchronous", "FULL");
            settings.setProperty("busy_timeout", "10000");
            // an acknowledged hit's text is overwritten with zeros, not left readable in the file's free pages
            settings.setProperty("secure_delete", "true");
            // and a write-ahead log that has been checkpointed is cut back, not kept with old copies of pages
            settings.setProperty("journal_size_limit", "0");
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), settings);
            Spool spool = new Spool(file, maxBytes, maxEventBytes, connection);
            spool.createSchema();
            spool.loadTotals();
            log.info("spool {} holds {} events ({} KB)", file, spool.depth, spool.bytes / 1024);
            return spool;
        } catch (SQLException | IOException e) {
            throw new SpoolException("cannot open the spool " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createOwnerOnly(Path file) throws IOException {
        if (Files.notExists(file) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
    }

    private void createSchema() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS events ("
                    + " position INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " event_id TEXT NOT NULL UNIQUE,"
                    + " body BLOB NOT NULL,"
                    + " screenshot BLOB,"
                    + " bytes INTEGER NOT NULL)");
            statement.executeUpdate("CREATE INDEX IF NOT EXISTS events_with_screenshot ON events (position)"
                    + " WHERE screenshot IS NOT NULL");
            statement.executeUpdate("CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
            statement.executeUpdate("INSERT OR IGNORE INTO counters (name, value)"
                    + " VALUES ('screenshots_dropped', 0), ('events_dropped', 0)");
        }
    }

    private void loadTotals() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*), coalesce(sum(bytes), 0) FROM events")) {
            rows.next();
            depth = rows.getLong(1);
            bytes = rows.getLong(2);
        }
        drops = new DropCounts(counter(SCREENSHOTS_DROPPED), counter(EVENTS_DROPPED));
    }

    /**
     * Writes the event to disk, making room by the drop policy if needed. When this returns the event is durable.
     * Adding an event that is already here changes nothing.
     */
    public synchronized void append(Event event) {
        Event text = event.toBuilder().clearScreenshot().build();
        byte[] body = text.toByteArray();
        byte[] screenshot = event.hasScreenshot() ? event.getScreenshot().toByteArray() : null;
        int droppedNow = 0;
        if (screenshot != null && body.length + screenshot.length > maxEventBytes) {
            log.warn("capture {}: its screenshot ({} KB) makes it too large to send; keeping the text only",
                    event.getEventId(), screenshot.length / 1024);
            screenshot = null;
            droppedNow = 1;
        }
        long size = body.length + (screenshot == null ? 0 : screenshot.length);
        try {
            connection.setAutoCommit(false);
            try {
                long screenshotsDropped = drops.screenshots() + droppedNow;
                long eventsDropped = drops.events();
                while (bytes + size > maxBytes) {
                    if (dropOldestScreenshot()) {
                        screenshotsDropped++;
                    } else if (screenshot != null) {
                        log.warn("spool full: capture {} kept without its screenshot", event.getEventId());
                        screenshot = null;
                        size = body.length;
                        screenshotsDropped++;
                    } else if (dropOldestEvent()) {
                        eventsDropped++;
                    } else {
                        break; // empty, and this one event is larger than the whole spool: keep it anyway
                    }
                }
                insert(event.getEventId(), body, screenshot, size);
                DropCounts after = new DropCounts(screenshotsDropped, eventsDropped);
                if (!after.equals(drops)) {
                    setCounter(SCREENSHOTS_DROPPED, after.screenshots());
                    setCounter(EVENTS_DROPPED, after.events());
                }
                connection.commit();
                drops = after;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                loadTotals();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new SpoolException("cannot write capture " + event.getEventId() + " to the spool " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private void insert(String eventId, byte[] body, byte[] screenshot, long size) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT OR IGNORE INTO events (event_id, body, screenshot, bytes) VALUES (?, ?, ?, ?)")) {
            statement.setString(1, eventId);
            statement.setBytes(2, body);
            statement.setBytes(3, screenshot);
            statement.setLong(4, size);
            if (statement.executeUpdate() == 1) {
                depth++;
                bytes += size;
            }
        }
    }

    private boolean dropOldestScreenshot() throws SQLException {
        Optional<long[]> oldest = first("SELECT position, length(screenshot) FROM events"
                + " WHERE screenshot IS NOT NULL ORDER BY position LIMIT 1");
        if (oldest.isEmpty()) {
            return false;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE events SET screenshot = NULL, bytes = bytes - ? WHERE position = ?")) {
            statement.setLong(1, oldest.get()[1]);
            statement.setLong(2, oldest.get()[0]);
            statement.executeUpdate();
        }
        bytes -= oldest.get()[1];
        log.warn("spool full: dropped the screenshot of the oldest waiting capture (position {})", oldest.get()[0]);
        return true;
    }

    private boolean dropOldestEvent() throws SQLException {
        Optional<long[]> oldest = first("SELECT position, bytes FROM events ORDER BY position LIMIT 1");
        if (oldest.isEmpty()) {
            return false;
        }
        try (PreparedStatement statement = connection.prepareStatement("DELETE FROM events WHERE position = ?")) {
            statement.setLong(1, oldest.get()[0]);
            statement.executeUpdate();
        }
        bytes -= oldest.get()[1];
        depth--;
        log.warn("spool full: dropped the oldest waiting capture (position {})", oldest.get()[0]);
        return true;
    }

    private Optional<long[]> first(String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(new long[] {rows.getLong(1), rows.getLong(2)}) : Optional.empty();
        }
    }

    /** Up to {@code limit} events after {@code position}, oldest first. */
    public synchronized List<SpooledEvent> after(long position, int limit) {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT position, body, screenshot FROM events WHERE position > ? ORDER BY position LIMIT ?")) {
            statement.setLong(1, position);
            statement.setInt(2, limit);
            List<SpooledEvent> out = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Event.Builder event = Event.parseFrom(rows.getBytes(2)).toBuilder();
                    byte[] screenshot = rows.getBytes(3);
                    if (screenshot != null) {
                        event.setScreenshot(Screenshot.parseFrom(screenshot));
                    }
                    out.add(new SpooledEvent(rows.getLong(1), event.build()));
                }
            }
            return out;
        } catch (SQLException | InvalidProtocolBufferException e) {
            throw new SpoolException("cannot read the spool " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes the event (acknowledged, or refused for good); false if it was not here. The delete is not synced
     * to disk at once (a later append's sync carries it): if a crash loses it, the event is sent again and the
     * console, which stores by event id, acks it again. This keeps draining a backlog fast.
     */
    public synchronized boolean remove(String eventId) {
        try {
            try (Statement pragma = connection.createStatement()) {
                pragma.execute("PRAGMA synchronous = NORMAL");
            }
            boolean removed;
            connection.setAutoCommit(false);
            try {
                Optional<Long> size = Optional.empty();
                try (PreparedStatement statement = connection.prepareStatement(
                        "SELECT bytes FROM events WHERE event_id = ?")) {
                    statement.setString(1, eventId);
                    try (ResultSet rows = statement.executeQuery()) {
                        if (rows.next()) {
                            size = Optional.of(rows.getLong(1));
                        }
                    }
                }
                if (size.isPresent()) {
                    try (PreparedStatement statement = connection.prepareStatement(
                            "DELETE FROM events WHERE event_id = ?")) {
                        statement.setString(1, eventId);
                        statement.executeUpdate();
                    }
                }
                connection.commit();
                size.ifPresent(s -> {
                    bytes -= s;
                    depth--;
                });
                removed = size.isPresent();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
                try (Statement pragma = connection.createStatement()) {
                    pragma.execute("PRAGMA synchronous = FULL");
                }
            }
            if (removed && depth == 0) {
                giveBackFreeSpace();
            }
            return removed;
        } catch (SQLException e) {
            throw new SpoolException("cannot remove capture " + eventId + " from the spool " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Once the spool is empty, gives back the pages a backlog left behind (when there are enough to matter), so a
     * long offline spell does not keep its hundreds of MB on the pupil's disk, and empties the write-ahead log, so
     * no copy of an acknowledged hit stays in it.
     */
    private void giveBackFreeSpace() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            long free;
            try (ResultSet pages = statement.executeQuery("PRAGMA freelist_count")) {
                free = pages.next() ? pages.getLong(1) : 0;
            }
            if (free >= SHRINK_AT_FREE_PAGES) {
                // The spool is empty, so rewriting it copies next to nothing.
                statement.execute("VACUUM");
                log.info("spool {} drained: gave back {} free pages", file, free);
            }
            // The write-ahead log still holds the pages as they were before the deletes (the hits' text):
            // copying the zeroed pages into the file and emptying the log is what makes the delete real.
            statement.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }

    /** How many events are waiting. */
    public synchronized long depth() {
        return depth;
    }

    /** How many bytes of event data are waiting. */
    public synchronized long bytes() {
        return bytes;
    }

    public synchronized DropCounts drops() {
        return drops;
    }

    public Path file() {
        return file;
    }

    private long counter(String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT value FROM counters WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    private void setCounter(String name, long value) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE counters SET value = ? WHERE name = ?")) {
            statement.setLong(1, value);
            statement.setString(2, name);
            statement.executeUpdate();
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing the spool: {}", e.toString());
        }
    }
}
