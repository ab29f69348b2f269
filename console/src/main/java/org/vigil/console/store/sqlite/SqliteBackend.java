package org.vigil.console.store.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.vigil.console.store.StoreBackend;
import org.vigil.console.store.StoreException;

/** One SQLite file: WAL, full sync, a busy timeout, foreign keys, IMMEDIATE transactions, the WAL kept open. */
public final class SqliteBackend implements StoreBackend {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteBackend.class);
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private final Path file;
    private final SQLiteDataSource dataSource;
    /** Held open from {@link #opened} to {@link #close}: see {@link #opened}. Null outside that span. */
    private Connection keeper;

    private SqliteBackend(Path file) {
        this.file = file;
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        // IMMEDIATE takes the write lock at BEGIN, so busy_timeout applies instead of failing mid-transaction
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        this.dataSource = new SQLiteDataSource(config);
        this.dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** The database in this file (created on first use). */
    public static SqliteBackend file(Path file) {
        return new SqliteBackend(file);
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public String migrations() {
        return "classpath:db/migration/sqlite";
    }

    /**
     * Holds one connection open until {@link #close}. When the last connection to a WAL database closes, SQLite
     * checkpoints the whole WAL into the main file and deletes it; with a connection per transaction that would
     * happen after every commit and cost more than the commit itself (ingest ran at a third of its speed).
     */
    @Override
    public synchronized void opened() {
        if (keeper != null) {
            return;
        }
        try {
            keeper = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StoreException("cannot open the database " + file, e);
        }
    }

    @Override
    public String describe() {
        return file.toString();
    }

    /** Closing the last connection checkpoints the WAL into the file and removes it. */
    @Override
    public synchronized void close() {
        if (keeper == null) {
            return;
        }
        try {
            keeper.close();
        } catch (SQLException e) {
            LOG.warn("cannot close the database {} cleanly: {}", file, e.toString());
        } finally {
            keeper = null;
        }
    }
}
