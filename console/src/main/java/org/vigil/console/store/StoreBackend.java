package org.vigil.console.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * What differs from one database to another, in one place: how connections are made and set up, where that
 * database's migrations are, and what it needs kept open. SQLite ({@code console.store.sqlite}) is the embedded
 * default; a server database is a second implementation, and the repositories stay as they are (their SQL is
 * written to run on both).
 */
public interface StoreBackend extends AutoCloseable {

    /** Connections set up for this database (for SQLite: WAL, busy timeout, foreign keys, IMMEDIATE transactions). */
    DataSource dataSource();

    /** The Flyway location of this database's migrations, e.g. {@code classpath:db/migration/sqlite}. */
    String migrations();

    /** Called once, after the schema is up to date and before the first repository call. */
    void opened();

    /**
     * The isolation level {@link Database#inTransaction} sets on a transaction's connection, or
     * {@link Connection#TRANSACTION_NONE} to leave the connection's own (SQLite: IMMEDIATE transactions serialise
     * writers already). ADR 0170.
     */
    default int transactionIsolation() {
        return Connection.TRANSACTION_NONE;
    }

    /**
     * Whether the error says a concurrent transaction won (PostgreSQL: serialization failure, deadlock), so the
     * whole transaction may be run again from the start. ADR 0170.
     */
    default boolean lostToAConcurrentTransaction(SQLException e) {
        return false;
    }

    /** What the database is, for messages: a file, a URL without credentials. */
    String describe();

    /** Releases what {@link #opened} took; connections handed out before are their users' to close. */
    @Override
    void close();
}
