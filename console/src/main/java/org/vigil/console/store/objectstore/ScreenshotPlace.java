package org.vigil.console.store.objectstore;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.vigil.console.store.DataDirs;
import org.vigil.console.store.Database;
import org.vigil.console.store.FileScreenshotStore;
import org.vigil.console.store.ScreenshotStore;
import org.vigil.console.store.postgresql.PostgresScreenshotStore;

/**
 * Which store holds a console's screenshots: files in its data directory (the default), an S3-compatible object
 * store, or the console's own PostgreSQL database (ADR 0179; only with {@code --db postgresql://…}).
 * {@code serve --screenshots s3://bucket/prefix --s3-endpoint URL} records the choice in the data directory
 * ({@value #FILE}, no credentials in it), so every command run on that console reads the same store without being
 * told again, and a restart without the options cannot quietly start writing somewhere else.
 *
 * @param s3         the object store; empty for files or the database
 * @param inDatabase whether the images are rows of the console's PostgreSQL database
 */
public record ScreenshotPlace(Optional<S3Settings> s3, boolean inDatabase) {
    /** The {@code --screenshots} value that keeps the images in the console's PostgreSQL database. */
    public static final String IN_DATABASE = "postgresql";
    public static final String FILE = "screenshot-store.properties";
    public static final String LOCATION_ENV = "VIGIL_SCREENSHOTS";
    public static final String ENDPOINT_ENV = "VIGIL_S3_ENDPOINT";
    public static final String REGION_ENV = "VIGIL_S3_REGION";
    public static final String SSE_ENV = "VIGIL_S3_SSE";
    /** The options {@code serve} takes for this. */
    public static final List<String> OPTIONS = List.of("--screenshots", "--s3-endpoint", "--s3-region", "--s3-sse");

    public ScreenshotPlace {
        s3 = s3 == null ? Optional.empty() : s3;
        if (s3.isPresent() && inDatabase) {
            throw new IllegalArgumentException("screenshots go to one store: the object store or the database");
        }
    }

    public static ScreenshotPlace files() {
        return new ScreenshotPlace(Optional.empty(), false);
    }

    public static ScreenshotPlace objectStore(S3Settings settings) {
        return new ScreenshotPlace(Optional.of(settings), false);
    }

    /** The images as rows of the console's PostgreSQL database (ADR 0179). */
    public static ScreenshotPlace database() {
        return new ScreenshotPlace(Optional.empty(), true);
    }

    /**
     * What {@code serve}'s options (else the {@code VIGIL_SCREENSHOTS} / {@code VIGIL_S3_*} environment) ask for;
     * empty when they say nothing, and the recorded choice stands.
     *
     * @throws IllegalArgumentException for a location that is neither {@code files} nor {@code s3://…}, or S3
     *                                  options without an S3 location
     */
    public static Optional<ScreenshotPlace> fromOptions(Map<String, String> options, Map<String, String> env) {
        String location = value(options, env, "--screenshots", LOCATION_ENV);
        String endpoint = value(options, env, "--s3-endpoint", ENDPOINT_ENV);
        String region = value(options, env, "--s3-region", REGION_ENV);
        String sse = value(options, env, "--s3-sse", SSE_ENV);
        if (location == null) {
            if (options.containsKey("--s3-endpoint") || options.containsKey("--s3-region")
                    || options.containsKey("--s3-sse")) {
                throw new IllegalArgumentException("--s3-endpoint, --s3-region and --s3-sse go with --screenshots"
                        + " s3://bucket/prefix");
            }
            return Optional.empty();
        }
        if (location.equals("files") || location.equals(IN_DATABASE)) {
            if (options.containsKey("--s3-endpoint") || options.containsKey("--s3-region")
                    || options.containsKey("--s3-sse")) {
                throw new IllegalArgumentException("--s3-endpoint, --s3-region and --s3-sse go with --screenshots"
                        + " s3://bucket/prefix, not with --screenshots " + location);
            }
            return Optional.of(location.equals("files") ? files() : database());
        }
        if (!location.startsWith("s3://")) {
            throw new IllegalArgumentException("--screenshots must be files (the data directory, the default), "
                    + IN_DATABASE + " (the console's PostgreSQL database, with --db postgresql://…) or"
                    + " s3://bucket/prefix, got " + location);
        }
        return Optional.of(objectStore(new S3Settings(S3Location.parse(location),
                Optional.ofNullable(endpoint).map(S3Settings::endpoint), region, Optional.ofNullable(sse))));
    }

    /** The choice recorded in the data directory; files if none is. */
    public static ScreenshotPlace recorded(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            return files();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file.toAbsolutePath() + " (" + e.getMessage() + ")", e);
        }
        try {
            String location = properties.getProperty("location", "files").strip();
            if (location.equals("files")) {
                return files();
            }
            if (location.equals(IN_DATABASE)) {
                return database();
            }
            return objectStore(new S3Settings(S3Location.parse(location),
                    Optional.ofNullable(properties.getProperty("endpoint")).filter(text -> !text.isBlank())
                            .map(S3Settings::endpoint),
                    properties.getProperty("region"),
                    Optional.ofNullable(properties.getProperty("server-side-encryption"))));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Records this choice in the data directory (made owner-only if new), replacing any earlier one at once. */
    public void record(Path dataDir) {
        Properties properties = new Properties();
        properties.setProperty("location", s3.map(settings -> settings.location().toString())
                .orElse(inDatabase ? IN_DATABASE : "files"));
        s3.ifPresent(settings -> {
            settings.endpoint().ifPresent(endpoint -> properties.setProperty("endpoint", endpoint.toString()));
            properties.setProperty("region", settings.region());
            settings.serverSideEncryption().ifPresent(sse -> properties.setProperty("server-side-encryption", sse));
        });
        try {
            DataDirs.createPrivateDirectories(dataDir);
            Path temp = Files.createTempFile(dataDir, FILE, ".tmp");
            try {
                try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                    properties.store(writer, "where this console keeps its screenshots (serve --screenshots)");
                }
                Files.move(temp, dataDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot record the screenshot store in " + dataDir.toAbsolutePath()
                    + " (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Opens the store: the files under {@code <dataDir>/screenshots}, or the object store, checked.
     *
     * @throws IllegalStateException in one line if the object store cannot be used, or the choice is the database
     *                               (which needs {@link #open(Path, Map, Database)})
     */
    public ScreenshotStore open(Path dataDir, Map<String, String> env) {
        if (inDatabase) {
            throw new IllegalStateException(notOnPostgres(dataDir, "no database was opened with it"));
        }
        if (s3.isEmpty()) {
            return new FileScreenshotStore(dataDir.resolve("screenshots"));
        }
        return S3ScreenshotStore.open(s3.get(), S3Environment.credentials(dataDir, env));
    }

    /**
     * As {@link #open(Path, Map)}, for the console whose database is {@code database}: the database itself when
     * the images are kept there, which must then be PostgreSQL.
     *
     * @throws IllegalStateException in one line if the choice is the database and the database is SQLite
     */
    public ScreenshotStore open(Path dataDir, Map<String, String> env, Database database) {
        if (!inDatabase) {
            return open(dataDir, env);
        }
        if (!database.onPostgres()) {
            throw new IllegalStateException(notOnPostgres(dataDir, "its database is the SQLite file "
                    + database.describe()));
        }
        return new PostgresScreenshotStore(database);
    }

    private static String notOnPostgres(Path dataDir, String why) {
        return "the console in " + dataDir.toAbsolutePath() + " keeps its screenshots in its PostgreSQL database"
                + " (" + FILE + " says " + IN_DATABASE + "), but " + why + ": give --db postgresql://HOST:PORT/NAME,"
                + " or choose another store with serve --screenshots files|s3://bucket/prefix";
    }

    private static String value(Map<String, String> options, Map<String, String> env, String option, String var) {
        String value = options.get(option);
        if (value == null) {
            value = env.get(var);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }
}
