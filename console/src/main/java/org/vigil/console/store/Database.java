package org.vigil.console.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The console's SQLite database: connections (WAL, busy timeout, foreign keys) and schema migrations. */
public final class Database {
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private final Path file;
    private final SQLiteDataSource dataSource;
    @SuppressWarnings("unused") // held open on purpose: see keepWalOpen
    private Connection keeper;

    private Database(Path file) {
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

    /** Opens (creating if needed) the database file and brings its schema up to date. */
    public static Database open(Path file) {
        Database database = new Database(file);
        database.migrate();
        database.keepWalOpen();
        return database;
    }

    /**
     * Holds one connection open for the life of the process. When the last connection to a WAL database closes,
     * SQLite checkpoints the whole WAL into the main file and deletes it; with a connection per transaction that
     * would happen after every commit and cost more than the commit itself (ingest ran at a third of its speed).
     */
    private void keepWalOpen() {
        try {
            keeper = dataSource.getConnection();
        } catch (SQLException e) {
            throw new StoreException("cannot open the database " + file, e);
        }
    }

    private void migrate() {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    public Path file() {
        return file;
    }

    /** Runs work in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("database transaction failed", e);
        }
    }

    /** Runs work on a connection in auto-commit mode. */
    public <T> T withConnection(SqlWork<T> work) {
        try (Connection connection = connect()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException("database access failed", e);
        }
    }

    /** A piece of JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
