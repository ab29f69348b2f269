package org.vigil.console.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.store.postgresql.DbCredentials;
import org.vigil.console.store.postgresql.PostgresBackend;
import org.vigil.console.store.postgresql.PostgresUrl;
import org.vigil.console.store.sqlite.SqliteBackend;

/**
 * Which database a console uses: SQLite in its data directory (the default), or the PostgreSQL that
 * {@code --db postgresql://host:port/name} or {@code VIGIL_DB_URL} names, with its user and password from
 * {@code VIGIL_DB_USER} and {@code VIGIL_DB_PASSWORD} or from an owner-only file ({@code --db-credentials FILE}:
 * the user on the first line, the password on the second). The password is never printed: {@link #describe}
 * names the URL and the user.
 */
public record DatabaseChoice(Optional<PostgresUrl> postgres, Optional<DbCredentials> credentials) {
    public static final String URL_ENV = "VIGIL_DB_URL";
    public static final String USER_ENV = "VIGIL_DB_USER";
    public static final String PASSWORD_ENV = "VIGIL_DB_PASSWORD";
    public static final String DB_OPTION = "--db";
    public static final String CREDENTIALS_OPTION = "--db-credentials";
    /** The options every command that opens a console takes besides {@code --data}. */
    public static final Set<String> OPTIONS = Set.of(DB_OPTION, CREDENTIALS_OPTION);
    public static final DatabaseChoice SQLITE = new DatabaseChoice(Optional.empty(), Optional.empty());
    private static final String DATABASE_FILE = "vigil.db";

    public DatabaseChoice {
        if (postgres.isPresent() && credentials.isEmpty()) {
            throw new IllegalArgumentException("the database " + postgres.get() + " needs a user and password: set "
                    + USER_ENV + " and " + PASSWORD_ENV + ", or give " + CREDENTIALS_OPTION + " FILE");
        }
    }

    /**
     * From the command's options and the environment; SQLite unless a PostgreSQL URL is given.
     *
     * @throws IllegalArgumentException naming what is wrong (a URL that is not one, missing credentials, a
     *                                  credentials file others can read), never showing a password
     */
    public static DatabaseChoice from(Map<String, String> options, Map<String, String> env) {
        String url = Optional.ofNullable(options.get(DB_OPTION)).orElse(env.get(URL_ENV));
        if (url == null || url.isBlank() || url.strip().equalsIgnoreCase("sqlite")) {
            if (options.containsKey(CREDENTIALS_OPTION)) {
                throw new IllegalArgumentException(CREDENTIALS_OPTION + " is for a PostgreSQL database: give "
                        + DB_OPTION + " postgresql://host:port/name too");
            }
            return SQLITE;
        }
        PostgresUrl postgres = PostgresUrl.parse(url.strip());
        Optional<DbCredentials> credentials = Optional.ofNullable(options.get(CREDENTIALS_OPTION))
                .map(file -> fromFile(Path.of(file)))
                .or(() -> Optional.ofNullable(env.get(USER_ENV)).filter(user -> !user.isBlank())
                        .map(user -> new DbCredentials(user, env.getOrDefault(PASSWORD_ENV, ""))));
        return new DatabaseChoice(Optional.of(postgres), credentials);
    }

    /** The user (first line) and password (second line) in an owner-only file. */
    static DbCredentials fromFile(Path file) {
        try {
            if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
                if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"))) {
                    throw new IllegalArgumentException(CREDENTIALS_OPTION + " " + file + " may be read by other"
                            + " accounts (" + PosixFilePermissions.toString(permissions) + "): make it owner-only"
                            + " (chmod 600 " + file + ")");
                }
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                throw new IllegalArgumentException(CREDENTIALS_OPTION + " " + file + " needs the database user on"
                        + " its first line and the password on its second");
            }
            return new DbCredentials(lines.get(0).strip(), lines.size() > 1 ? lines.get(1) : "");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + CREDENTIALS_OPTION + " " + file + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    public boolean isPostgres() {
        return postgres.isPresent();
    }

    /** The backend for a console whose data directory is {@code dataDir}; connects at once to PostgreSQL. */
    public StoreBackend backendFor(Path dataDir) {
        return postgres.<StoreBackend>map(url -> PostgresBackend.connect(url, credentials.orElseThrow()))
                .orElseGet(() -> SqliteBackend.file(dataDir.resolve(DATABASE_FILE)));
    }

    /** For messages: the SQLite file, or the URL and user; never the password. */
    public String describe(Path dataDir) {
        return postgres.map(url -> url + " (user " + credentials.orElseThrow().user() + ")")
                .orElseGet(() -> dataDir.resolve(DATABASE_FILE).toString());
    }

    @Override
    public String toString() {
        return postgres.map(url -> "DatabaseChoice[" + url + ", " + credentials.orElseThrow() + "]")
                .orElse("DatabaseChoice[SQLite]");
    }
}
