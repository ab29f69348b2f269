package org.vigil.console.store;

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

    /** What the database is, for messages: a file, a URL without credentials. */
    String describe();

    /** Releases what {@link #opened} took; connections handed out before are their users' to close. */
    @Override
    void close();
}
