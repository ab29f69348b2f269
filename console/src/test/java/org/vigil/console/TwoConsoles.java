package org.vigil.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.vigil.console.alerts.AlertSender;
import org.vigil.console.store.DatabaseChoice;
import org.vigil.console.store.postgresql.TestPostgres;
import org.vigil.runtime.Fatal;

/**
 * Two real console instances, {@link #a} and {@link #b}, on one fresh PostgreSQL database (the tests' server,
 * ADR 0171), each with a data directory of its own, as two machines of a cluster run them: B's TLS files are a copy
 * of A's, so an agent that trusts the console CA trusts both. Both serve plain HTTP and share the admin DSL of
 * {@link AdminDsl}. Skipped, with the reason, where the tests have no PostgreSQL.
 * {@code @RegisterExtension static final TwoConsoles cluster = new TwoConsoles(PASSWORD, config -> config);}
 */
final class TwoConsoles implements BeforeAllCallback, AfterAllCallback {
    private final String adminPassword;
    private final UnaryOperator<ConsoleConfig> adjust;
    private final AlertSender.Timing alertTiming;
    private TestPostgres.Fresh database;
    private Path dirA;
    private Path dirB;
    private Console a;
    private Console b;

    TwoConsoles(String adminPassword, UnaryOperator<ConsoleConfig> adjust) {
        this(adminPassword, adjust, AlertSender.Timing.DEFAULT);
    }

    /** With the alert senders' interval, backoff and claim lease (tests shorten the lease). */
    TwoConsoles(String adminPassword, UnaryOperator<ConsoleConfig> adjust, AlertSender.Timing alertTiming) {
        this.adminPassword = adminPassword;
        this.adjust = adjust;
        this.alertTiming = alertTiming;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Optional<TestPostgres.Server> server = TestPostgres.server();
        assumeTrue(server.isPresent(), TestPostgres::unavailableReason);
        database = TestPostgres.freshDatabase(server.get());
        dirA = Files.createTempDirectory("vigil-cluster-a");
        dirB = Files.createTempDirectory("vigil-cluster-b");
        a = start(dirA);
        copyTls(dirA, dirB);
        b = start(dirB);
    }

    private Console start(Path dataDir) throws IOException {
        ConsoleConfig config = AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp()
                .withDatabase(choice()), adminPassword);
        return Console.start(adjust.apply(config), Fatal.exitProcess(), alertTiming);
    }

    /** The shared database, as a console's {@code --db} names it. */
    DatabaseChoice choice() {
        return new DatabaseChoice(Optional.of(database.url()), Optional.of(database.credentials()));
    }

    private static void copyTls(Path from, Path to) throws IOException {
        Files.createDirectories(to.resolve("tls"));
        try (Stream<Path> files = Files.list(from.resolve("tls"))) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve("tls").resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    Console a() {
        return a;
    }

    Console b() {
        return b;
    }

    /** Stops instance A as a crash would leave it: no more sends, no more streams; B carries on. */
    void stopA() {
        if (a != null) {
            a.close();
            a = null;
        }
    }

    /** A connection of the test's own to the shared database. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(database.url().jdbcUrl(), database.credentials().user(),
                database.credentials().password());
    }

    /** The first column of the first row, as a number. */
    long count(String sql, Object... args) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of every row, as text. */
    Set<String> texts(String sql) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            Set<String> out = new HashSet<>();
            while (rows.next()) {
                out.add(rows.getString(1));
            }
            return out;
        }
    }

    int update(String sql, Object... args) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            return statement.executeUpdate();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (database == null) {
            return;
        }
        try {
            stopA();
            if (b != null) {
                b.close();
            }
        } finally {
            database.close();
            for (Path dir : new Path[] {dirA, dirB}) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(TwoConsoles::delete);
                }
            }
        }
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
