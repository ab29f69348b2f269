package org.vigil.console.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.store.postgresql.PostgresBackend;
import org.vigil.console.store.sqlite.SqliteBackend;

/**
 * The console's database: schema migrations, connections and transactions, over a {@link StoreBackend} that holds
 * everything particular to one kind of database. A transaction is bound to the thread that opened it, so every
 * repository call that thread makes until it ends (reads included) runs on the same connection and sees its
 * writes; see {@link Transactions}.
 */
public final class Database implements Transactions, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** How often a transaction that lost to a concurrent one is run (PostgreSQL; SQLite never loses). */
    static final int MAX_ATTEMPTS = 50;
    private static final long MAX_BACK_OFF_MILLIS = 64;

    private final StoreBackend backend;
    /** The transaction this thread has open on this database, if any (one per instance, not per process). */
    private final ThreadLocal<OpenTransaction> transaction = new ThreadLocal<>();

    private Database(StoreBackend backend) {
        this.backend = backend;
    }

    /** Brings the database's schema up to date and opens it; closing the database closes the backend. */
    public static Database open(StoreBackend backend) {
        Database database = new Database(backend);
        try {
            Flyway.configure()
                    .dataSource(backend.dataSource())
                    .locations(backend.migrations())
                    .load()
                    .migrate();
            backend.opened();
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
        return database;
    }

    /** Opens (creating if needed) an embedded SQLite database file, the console's default store. */
    public static Database open(Path file) {
        return open(SqliteBackend.file(file));
    }

    /** A connection of its own, outside any transaction; the caller closes it. */
    public Connection connect() throws SQLException {
        return backend.dataSource().getConnection();
    }

    /** Whether this is a PostgreSQL database (which can hold the screenshots too, ADR 0179). */
    public boolean onPostgres() {
        return backend instanceof PostgresBackend;
    }

    /** What the database is, for messages. */
    public String describe() {
        return backend.describe();
    }

    /**
     * Runs work in one transaction: committed if it returns, rolled back if it throws. Inside a transaction already
     * open on this thread, the work joins it and the outer transaction commits or rolls back the whole. When the
     * backend says a concurrent transaction won (PostgreSQL's SERIALIZABLE), the work is rolled back and run again
     * from the start, up to {@link #MAX_ATTEMPTS} times: so it must touch only the database (and
     * {@link #afterCommit}), never state outside it (ADR 0170).
     */
    public <T> T inTransaction(SqlWork<T> work) {
        OpenTransaction open = transaction.get();
        if (open != null) {
            try {
                return work.run(open.connection());
            } catch (SQLException e) {
                throw new StoreException("database transaction failed", e);
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(work);
            } catch (SQLException | RuntimeException e) {
                if (attempt >= MAX_ATTEMPTS || !lostToAConcurrentTransaction(e)) {
                    throw e instanceof SQLException sql ? new StoreException("database transaction failed", sql)
                            : (RuntimeException) e;
                }
                LOG.debug("a concurrent transaction won (attempt {} of {}): running this one again", attempt,
                        MAX_ATTEMPTS);
                backOff(attempt);
            }
        }
    }

    private <T> T runOnce(SqlWork<T> work) throws SQLException {
        T result;
        OpenTransaction opened;
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            if (backend.transactionIsolation() != Connection.TRANSACTION_NONE) {
                connection.setTransactionIsolation(backend.transactionIsolation());
            }
            opened = new OpenTransaction(connection, new ArrayList<>());
            transaction.set(opened);
            try {
                result = work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            } finally {
                transaction.remove();
            }
        }
        opened.afterCommit().forEach(Database::runCommitted);
        return result;
    }

    /** Whether the failure, or what it wraps, is the backend saying a concurrent transaction won (ADR 0170). */
    private boolean lostToAConcurrentTransaction(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && backend.lostToAConcurrentTransaction(sql)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * A random wait, up to twice as long after each loss (capped), so transactions that collided on one row (the
     * audit chain's head) spread out instead of colliding again: each round one of them commits.
     */
    private static void backOff(int attempt) {
        long bound = Math.min(MAX_BACK_OFF_MILLIS, 1L << Math.min(attempt, 20));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(0, bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while running a transaction again", e);
        }
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return inTransaction(connection -> work.get());
    }

    @Override
    public void afterCommit(Runnable action) {
        OpenTransaction open = transaction.get();
        if (open == null) {
            runCommitted(action);
        } else {
            open.afterCommit().add(action);
        }
    }

    private static void runCommitted(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("an action after a commit failed; the data is stored", e);
        }
    }

    /**
     * Runs work on a connection in auto-commit mode, or inside the transaction this thread has open. On a backend
     * with its own transaction isolation (PostgreSQL) the work is a transaction of its own at that isolation, run
     * again if a concurrent one wins: a statement that reads and writes (a count checked in an UPDATE's WHERE) is
     * then as atomic as it is on SQLite, where one writer runs at a time (ADR 0170).
     */
    public <T> T withConnection(SqlWork<T> work) {
        OpenTransaction open = transaction.get();
        if (open == null && backend.transactionIsolation() != Connection.TRANSACTION_NONE) {
            return inTransaction(work);
        }
        try {
            if (open != null) {
                return work.run(open.connection());
            }
            try (Connection connection = connect()) {
                return work.run(connection);
            }
        } catch (SQLException e) {
            throw new StoreException("database access failed", e);
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Closes what the backend keeps open. Connections handed out by {@link #connect} are their users' to close. */
    @Override
    public void close() {
        backend.close();
    }

    /** This thread's transaction and what waits for its commit. */
    private record OpenTransaction(Connection connection, List<Runnable> afterCommit) {
    }

    /** A piece of JDBC work. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
