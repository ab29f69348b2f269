package org.vigil.console.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.vigil.console.store.postgresql.PostgresBackend;
import org.vigil.console.store.postgresql.TestPostgres;
import org.vigil.console.store.sqlite.SqliteBackend;

/**
 * One database for one test, of the kind {@link BothStores} runs it on: a SQLite file in a temporary directory, or
 * a fresh database on the tests' PostgreSQL ({@link TestPostgres}). {@link #open} may be called again to open the
 * same database anew (a restart); everything opened is closed, and the database removed, after the test.
 */
public final class StoreUnderTest implements AutoCloseable {
    /** The databases a store test runs on. */
    public enum Kind { SQLITE, POSTGRESQL }

    private final Kind kind;
    private final Path dir;
    private TestPostgres.Fresh postgres;
    private final List<Database> opened = new ArrayList<>();

    StoreUnderTest(Kind kind) {
        this.kind = kind;
        try {
            this.dir = Files.createTempDirectory("vigil-store-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Kind kind() {
        return kind;
    }

    /** A directory of the test's own, for what lives beside the database (screenshots, TLS files). */
    public Path dir() {
        return dir;
    }

    /** The backend of this test's database, new each call (the database is the same). */
    public StoreBackend backend() {
        if (kind == Kind.SQLITE) {
            return SqliteBackend.file(dir.resolve("vigil.db"));
        }
        if (postgres == null) {
            postgres = TestPostgres.freshDatabase(server());
        }
        return PostgresBackend.connect(postgres.url(), postgres.credentials());
    }

    /**
     * The backend of this test's database before any migration has run on it (for tests of a migration over data
     * an older version left). Call it before anything else opens the database.
     */
    public StoreBackend backendWithoutSchema() {
        if (kind == Kind.SQLITE) {
            return SqliteBackend.file(dir.resolve("vigil.db"));
        }
        if (postgres != null) {
            throw new IllegalStateException("the database was made already, with its schema");
        }
        postgres = TestPostgres.emptyDatabase(server());
        return PostgresBackend.connect(postgres.url(), postgres.credentials());
    }

    /**
     * The backend of this test's database with the migrations up to {@code version} run on it and no further, as
     * a console of that version left it (for tests of a later migration over its data).
     */
    public StoreBackend backendMigratedTo(String version) {
        StoreBackend backend = backendWithoutSchema();
        Flyway.configure().dataSource(backend.dataSource()).locations(backend.migrations()).target(version).load()
                .migrate();
        return backend;
    }

    private static TestPostgres.Server server() {
        return TestPostgres.server().orElseThrow(() -> new IllegalStateException(TestPostgres.unavailableReason()));
    }

    /** The database, migrated and open; closed after the test if the test has not closed it. */
    public Database open() {
        Database database = Database.open(backend());
        opened.add(database);
        return database;
    }

    /** The PostgreSQL database this test got, if it runs on PostgreSQL and has opened it. */
    public Optional<TestPostgres.Fresh> postgres() {
        return Optional.ofNullable(postgres);
    }

    @Override
    public void close() {
        opened.forEach(Database::close);
        if (postgres != null) {
            postgres.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return kind == Kind.SQLITE ? "SQLite" : "PostgreSQL";
    }
}
