package org.vigil.console.store.postgresql;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a PostgreSQL database is: {@code postgresql://host[:port]/name}, as {@code --db} and {@code VIGIL_DB_URL}
 * give it. Credentials are never part of it (they come from the environment or a file), so it can be printed.
 */
public record PostgresUrl(String host, int port, String database) {
    public static final String SCHEME = "postgresql";
    private static final int DEFAULT_PORT = 5432;

    public PostgresUrl {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a PostgreSQL URL needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, got " + port);
        }
        if (database == null || !database.matches("[A-Za-z0-9_][A-Za-z0-9_$-]{0,62}")) {
            throw new IllegalArgumentException("a PostgreSQL URL needs a database name (letters, digits, _, -)");
        }
    }

    /** Whether the text names a PostgreSQL database rather than a SQLite data directory. */
    public static boolean isPostgres(String text) {
        return text != null && (text.startsWith(SCHEME + "://") || text.startsWith("postgres://"));
    }

    /**
     * Reads {@code postgresql://host[:port]/name}. A user or password in the URL is refused, so neither ends up in
     * a shell history, a process list or a log line.
     *
     * @throws IllegalArgumentException naming what is wrong (never echoing a password)
     */
    public static PostgresUrl parse(String text) {
        if (!isPostgres(text)) {
            throw new IllegalArgumentException("not a PostgreSQL URL (postgresql://host:port/name): " + text);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a PostgreSQL URL (postgresql://host:port/name): "
                    + withoutUserInfo(text));
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("the PostgreSQL URL " + withoutUserInfo(text) + " holds a user or"
                    + " password: give them in VIGIL_DB_USER and VIGIL_DB_PASSWORD or --db-credentials FILE instead");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new IllegalArgumentException("the PostgreSQL URL " + text + " has options: give only"
                    + " postgresql://host:port/name");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.startsWith("/") ? path.substring(1) : path;
        try {
            return new PostgresUrl(uri.getHost(), uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort(), name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PostgreSQL URL " + text + " is not postgresql://host:port/name: "
                    + e.getMessage());
        }
    }

    private static String withoutUserInfo(String text) {
        int at = text.lastIndexOf('@');
        int scheme = text.indexOf("://");
        return at > scheme && scheme >= 0 ? text.substring(0, scheme + 3) + "…@" + text.substring(at + 1) : text;
    }

    /** The JDBC URL the driver takes. */
    public String jdbcUrl() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + hostPart + ":" + port + "/" + database;
    }

    /** The same database on the same server: for tests and tools that make and drop databases. */
    public PostgresUrl withDatabase(String name) {
        return new PostgresUrl(host, port, name);
    }

    @Override
    public String toString() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return SCHEME + "://" + hostPart + ":" + port + "/" + database;
    }
}
