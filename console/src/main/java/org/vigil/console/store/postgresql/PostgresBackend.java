package org.vigil.console.store.postgresql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.vigil.console.store.StoreBackend;
import org.vigil.console.store.StoreUnreachable;

/**
 * A PostgreSQL database shared by console instances: a HikariCP pool of connections, the migrations in
 * {@code db/migration/postgresql}, and SERIALIZABLE transactions that the {@code Database} runs again when
 * PostgreSQL says a concurrent one won (ADR 0170). Nothing is held open besides the pool.
 */
public final class PostgresBackend implements StoreBackend {
    /** Enough for the gRPC ingest writers, the web threads and the schedulers of one instance (ADR 0170). */
    static final int POOL_SIZE = 16;
    private static final long CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK_DETECTED = "40P01";

    private final PostgresUrl url;
    private final DbCredentials credentials;
    private final HikariDataSource dataSource;

    private PostgresBackend(PostgresUrl url, DbCredentials credentials, HikariDataSource dataSource) {
        this.url = url;
        this.credentials = credentials;
        this.dataSource = dataSource;
    }

    /**
     * Connects to the database at once, so a wrong URL, a refused password or an unreachable server is said here,
     * in one line naming the URL and user (never the password).
     *
     * @throws StoreUnreachable if no connection can be made
     */
    public static PostgresBackend connect(PostgresUrl url, DbCredentials credentials) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("vigil-postgresql");
        config.setJdbcUrl(url.jdbcUrl());
        config.setUsername(credentials.user());
        config.setPassword(credentials.password());
        config.setMaximumPoolSize(POOL_SIZE);
        config.setConnectionTimeout(CONNECT_TIMEOUT_MILLIS);
        // fail at once, with the driver's reason, rather than hand out a pool that cannot connect
        config.setInitializationFailTimeout(1);
        config.addDataSourceProperty("ApplicationName", "vigil-console");
        config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_MILLIS / 1000));
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        try {
            return new PostgresBackend(url, credentials, new HikariDataSource(config));
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreUnreachable("cannot connect to the database " + url + " as " + credentials.user() + ": "
                    + reason(e), e);
        }
    }

    /** The driver's own words (first line), which name the host, the user or the database but never a password. */
    private static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public String migrations() {
        return "classpath:db/migration/postgresql";
    }

    @Override
    public void opened() {
        // the pool is all there is to hold
    }

    @Override
    public int transactionIsolation() {
        return Connection.TRANSACTION_SERIALIZABLE;
    }

    @Override
    public boolean lostToAConcurrentTransaction(SQLException e) {
        return SERIALIZATION_FAILURE.equals(e.getSQLState()) || DEADLOCK_DETECTED.equals(e.getSQLState());
    }

    @Override
    public String describe() {
        return url + " (user " + credentials.user() + ")";
    }

    public PostgresUrl url() {
        return url;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
