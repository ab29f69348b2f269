package org.vigil.console;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.store.DataDirs;
import org.vigil.console.store.Database;
import org.vigil.console.store.DatabaseChoice;
import org.vigil.console.tls.ConsoleTls;
import org.vigil.console.tls.TlsMaterial;

/**
 * The data directory, opened: owner-only, database migrated, CA and server certificate ready. Closing it closes the
 * database. {@code created} says whether this opening made a new console there.
 */
public record ConsoleHome(Path dataDir, Database database, TlsMaterial tls, boolean created) implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleHome.class);
    private static final String DATABASE_FILE = "vigil.db";

    /**
     * Opens the console in {@code dataDir} for a command; a mistyped {@code --data} must not quietly make a new,
     * empty console, so a directory without one is refused.
     *
     * @throws IllegalArgumentException if the directory holds no console database
     */
    public static ConsoleHome open(Path dataDir) {
        return open(dataDir, DatabaseChoice.SQLITE);
    }

    /**
     * As {@link #open(Path)}, on the chosen database. A PostgreSQL database is the console when the server has it
     * (PostgreSQL does not make a database on connecting, so a mistyped name is refused by the server).
     */
    public static ConsoleHome open(Path dataDir, DatabaseChoice choice) {
        if (choice.isPostgres()) {
            return openOrCreate(dataDir, choice);
        }
        if (!holdsConsole(dataDir)) {
            throw new IllegalArgumentException("no console in " + dataDir.toAbsolutePath() + " (no " + DATABASE_FILE
                    + " there): check --data, or make a console there first with: vigil-console serve --data "
                    + dataDir);
        }
        return openOrCreate(dataDir);
    }

    /** Opens the console in {@code dataDir}, making a new one (and saying so) if there is none: for {@code serve}. */
    public static ConsoleHome openOrCreate(Path dataDir) {
        return openOrCreate(dataDir, DatabaseChoice.SQLITE);
    }

    /**
     * As {@link #openOrCreate(Path)}, on the chosen database: with PostgreSQL the data directory keeps the TLS
     * files and screenshots, and the database is migrated on the server.
     */
    public static ConsoleHome openOrCreate(Path dataDir, DatabaseChoice choice) {
        if (Files.exists(dataDir) && !Files.isDirectory(dataDir)) {
            throw new IllegalStateException("--data " + dataDir.toAbsolutePath() + " is a file, not a directory:"
                    + " give the console's data directory (a new one is made if it does not exist)");
        }
        boolean created = choice.isPostgres() ? !Files.isDirectory(dataDir.resolve("tls")) : !holdsConsole(dataDir);
        if (created) {
            LOG.info("no console in {}: creating a new one", dataDir.toAbsolutePath());
        }
        try {
            DataDirs.createPrivateDirectories(dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the data directory " + dataDir.toAbsolutePath() + " ("
                    + reason(e) + "): check --data, or run the console as an account that may write there", e);
        }
        if (!Files.isWritable(dataDir)) {
            throw new IllegalStateException("the data directory " + dataDir.toAbsolutePath() + " is not writable"
                    + " by this account: check --data, or run the console as the account that owns it");
        }
        Database database = Database.open(choice.backendFor(dataDir));
        try {
            TlsMaterial tls = new ConsoleTls(dataDir.resolve("tls")).loadOrCreate();
            keepPrivate(dataDir, created);
            return new ConsoleHome(dataDir, database, tls, created);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * The data dir, its database and its keys readable by the console's account alone; looser permissions (a copy,
     * a restore, a loose umask) are repaired and said, and a console that cannot repair them does not start.
     */
    private static void keepPrivate(Path dataDir, boolean created) {
        List<Path> paths = new ArrayList<>(List.of(dataDir, dataDir.resolve(DATABASE_FILE),
                dataDir.resolve(DATABASE_FILE + "-wal"), dataDir.resolve(DATABASE_FILE + "-shm"),
                dataDir.resolve("tls"), dataDir.resolve("screenshots")));
        try (Stream<Path> tls = Files.list(dataDir.resolve("tls"))) {
            tls.forEach(paths::add);
            for (Path repaired : DataDirs.makePrivate(paths)) {
                // a database SQLite has just made follows the umask: tightening it is routine, not news
                if (!created) {
                    LOG.warn("{} was readable by other accounts on this machine: made owner-only", repaired);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot make " + dataDir.toAbsolutePath() + " and its database and keys"
                    + " owner-only (" + e.getMessage() + "): run the console as the account that owns them", e);
        }
    }

    /** What went wrong with a file, in words: the JDK names only the path for most of them. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "the file system there does not allow it";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        return e.getMessage() == null ? "cannot write there" : e.getMessage();
    }

    public static boolean holdsConsole(Path dataDir) {
        return Files.isRegularFile(dataDir.resolve(DATABASE_FILE));
    }

    @Override
    public void close() {
        database.close();
    }
}
