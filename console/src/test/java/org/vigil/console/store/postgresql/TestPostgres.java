package org.vigil.console.store.postgresql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.vigil.console.store.Database;

/**
 * Where the tests' PostgreSQL comes from (ADR 0171), decided once per test JVM:
 * <ol>
 * <li>{@code VIGIL_TEST_POSTGRES_URL} ({@code postgresql://host:port/name}, with {@code VIGIL_TEST_POSTGRES_USER}
 * and {@code VIGIL_TEST_POSTGRES_PASSWORD}): that server, as CI gives it; the user must be allowed to create
 * databases.</li>
 * <li>otherwise PostgreSQL's own programs in {@code /usr/lib/postgresql/<version>/bin}: a throwaway cluster made
 * with {@code initdb} in {@code target/}, on a random loopback port, with a random password, started with
 * {@code pg_ctl} (as the {@code postgres} account when the tests run as root, which PostgreSQL refuses) and
 * stopped when the JVM ends.</li>
 * <li>otherwise none: {@link #server} is empty with the reason, and the PostgreSQL half of a test is skipped.</li>
 * </ol>
 * Each caller gets a database of its own ({@link #freshDatabase}), dropped when it is done.
 */
public final class TestPostgres {
    private static final Path PROGRAMS = Path.of("/usr/lib/postgresql");
    private static final String SERVICE_ACCOUNT = "postgres";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Object LOCK = new Object();
    private static Outcome outcome;
    private static String template;

    private TestPostgres() {
    }

    /** The server and its administrative credentials, or why there is none. */
    private record Outcome(Optional<Server> server, String reason) {
    }

    /** A server the tests may create databases on. */
    public record Server(PostgresUrl adminUrl, DbCredentials credentials) {
    }

    /** A database made for one caller; {@link #close} drops it. */
    public record Fresh(PostgresUrl url, DbCredentials credentials, Server server) implements AutoCloseable {
        /**
         * Drops the database, ending its sessions. An autovacuum worker on it can only be ended by a superuser or a
         * member of {@code pg_signal_backend} (a CI role may be neither): then the drop is tried again while the
         * worker finishes, for up to 10 s.
         */
        @Override
        public void close() {
            String drop = "DROP DATABASE IF EXISTS " + url.database() + " WITH (FORCE)";
            long until = System.nanoTime() + 10_000_000_000L;
            while (true) {
                try {
                    admin(server, drop);
                    return;
                } catch (IllegalStateException e) {
                    if (System.nanoTime() > until) {
                        throw e;
                    }
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }
    }

    /** The server, if there is one; see {@link #unavailableReason}. */
    public static Optional<Server> server() {
        synchronized (LOCK) {
            if (outcome == null) {
                outcome = find();
            }
            return outcome.server();
        }
    }

    /** Why there is no PostgreSQL for the tests (meaningful when {@link #server} is empty). */
    public static String unavailableReason() {
        server();
        return outcome.reason();
    }

    /**
     * A new database on the server, already at the newest schema version: a copy of a template migrated once per
     * test JVM ({@code CREATE DATABASE ... TEMPLATE}), which takes milliseconds where migrating takes seconds.
     */
    public static Fresh freshDatabase(Server server) {
        String template = migratedTemplate(server);
        String name = "vigil_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        admin(server, "CREATE DATABASE " + name + " TEMPLATE " + template);
        return new Fresh(server.adminUrl().withDatabase(name), server.credentials(), server);
    }

    /** A new, empty database on the server: no schema at all (for migrations and copies). */
    public static Fresh emptyDatabase(Server server) {
        String name = "vigil_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        admin(server, "CREATE DATABASE " + name);
        return new Fresh(server.adminUrl().withDatabase(name), server.credentials(), server);
    }

    private static String migratedTemplate(Server server) {
        synchronized (LOCK) {
            if (template == null) {
                Fresh made = emptyDatabase(server);
                Database.open(PostgresBackend.connect(made.url(), made.credentials())).close();
                template = made.url().database();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(made), "drop-test-template"));
            }
            return template;
        }
    }

    /** At JVM exit a throwaway cluster may be stopping at the same moment: nothing to report then. */
    private static void dropQuietly(Fresh database) {
        try {
            database.close();
        } catch (RuntimeException e) {
            // the server is gone or going; a server given by VIGIL_TEST_POSTGRES_URL is still there and answers
        }
    }

    private static void admin(Server server, String sql) {
        try (Connection connection = DriverManager.getConnection(server.adminUrl().jdbcUrl(),
                server.credentials().user(), server.credentials().password());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + server.adminUrl() + ": " + e.getMessage(), e);
        }
    }

    private static Outcome find() {
        String given = System.getenv("VIGIL_TEST_POSTGRES_URL");
        if (given != null && !given.isBlank()) {
            Server server = new Server(PostgresUrl.parse(given), new DbCredentials(
                    Optional.ofNullable(System.getenv("VIGIL_TEST_POSTGRES_USER")).orElse("postgres"),
                    System.getenv("VIGIL_TEST_POSTGRES_PASSWORD")));
            return new Outcome(Optional.of(server), "");
        }
        Optional<Path> bin = newestInstalledBin();
        if (bin.isEmpty()) {
            return new Outcome(Optional.empty(), "PostgreSQL is not installed (no " + PROGRAMS + "/*/bin/initdb)"
                    + " and VIGIL_TEST_POSTGRES_URL is not set: the PostgreSQL half of the store tests is skipped");
        }
        try {
            return new Outcome(Optional.of(startThrowawayCluster(bin.get())), "");
        } catch (IOException | RuntimeException e) {
            return new Outcome(Optional.empty(), "could not start a throwaway PostgreSQL from " + bin.get() + ": "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Optional.empty(), "interrupted while starting PostgreSQL");
        }
    }

    private static Optional<Path> newestInstalledBin() {
        if (!Files.isDirectory(PROGRAMS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(PROGRAMS)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(TestPostgres::versionOf));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString().replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Server startThrowawayCluster(Path bin) throws IOException, InterruptedException {
        Path home = Files.createDirectories(Path.of("target", "test-postgresql").toAbsolutePath())
                .resolve(UUID.randomUUID().toString().substring(0, 8));
        Files.createDirectories(home);
        boolean root = "root".equals(System.getProperty("user.name"));
        String password = UUID.randomUUID().toString();
        Path passwordFile = home.resolve("password");
        Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
        if (root) {
            run(List.of("chown", "-R", SERVICE_ACCOUNT, home.toString()), false);
        }
        Path data = home.resolve("data");
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "vigil", "--pwfile",
                passwordFile.toString(), "--auth-host=scram-sha-256", "--auth-local=peer", "--no-sync",
                "-E", "UTF8", "--locale=C"), root);
        Files.deleteIfExists(passwordFile);
        int port = freePort();
        // loopback only, no socket file, no fsync: a throwaway for tests, never a console's data
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-o", options, "-l",
                home.resolve("log").toString(), "-w", "-t", "60", "start"), root);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(bin, data, home, root), "stop-test-postgresql"));
        return new Server(new PostgresUrl("127.0.0.1", port, "postgres"), new DbCredentials("vigil", password));
    }

    private static void stop(Path bin, Path data, Path home, boolean root) {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"),
                    root);
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("could not stop the test PostgreSQL in " + home + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(List<String> command, boolean asServiceAccount) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asServiceAccount) {
            full.addAll(List.of("runuser", "-u", SERVICE_ACCOUNT, "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                    + output.strip());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
