package org.vigil.console.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigil.console.audit.AuditChainCheck;
import org.vigil.console.audit.AuditChainReport;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.Database;
import org.vigil.console.store.DatabaseChoice;
import org.vigil.console.store.ScreenshotStore;
import org.vigil.console.store.copy.CopyProgress;
import org.vigil.console.store.copy.CopyReport;
import org.vigil.console.store.copy.SourceConsole;
import org.vigil.console.store.copy.StoreCopy;
import org.vigil.console.store.objectstore.ScreenshotPlace;
import org.vigil.console.store.postgresql.PostgresUrl;

/**
 * {@code store copy --from DIR --to postgresql://HOST:PORT/NAME --to-data DIR2 [--db-credentials FILE]
 * [--screenshots files|postgresql|s3://BUCKET/PREFIX ...]}: copies a school's SQLite console into an empty
 * PostgreSQL database for a trust (ADR 0178), then prints each table's rows and SHA-256 on both sides and checks
 * the audit chain on the target. Exit 0 when everything matches, {@link #DIFFERENT} when anything does not.
 */
public final class StoreCommand {
    /** The exit status when the copy finished but does not match its source, or its audit chain does not verify. */
    public static final int DIFFERENT = 3;
    private static final Set<String> OPTIONS = Set.of("--from", "--to", "--to-data", "--batch",
            DatabaseChoice.CREDENTIALS_OPTION, "--screenshots", "--s3-endpoint", "--s3-region", "--s3-sse");

    private StoreCommand() {
    }

    /** What to print and the exit status. */
    public record Outcome(String text, int exitStatus) {
    }

    public static Outcome run(List<String> args, Map<String, String> env, Clock clock) {
        return run(args, env, clock, CopyProgress.NONE);
    }

    /** As {@link #run(List, Map, Clock)}, told after each batch (tests interrupt a copy there). */
    public static Outcome run(List<String> args, Map<String, String> env, Clock clock, CopyProgress progress) {
        AdminArguments arguments = AdminArguments.parse("store", args, Set.of("copy"), OPTIONS);
        if (arguments.options().containsKey(DatabaseChoice.DB_OPTION)) {
            throw new IllegalArgumentException("store copy names its target with --to postgresql://HOST:PORT/NAME,"
                    + " not " + DatabaseChoice.DB_OPTION);
        }
        Path from = Path.of(require(arguments, "--from", "the school's data directory"));
        String to = require(arguments, "--to", "the trust's database, postgresql://HOST:PORT/NAME");
        if (!PostgresUrl.isPostgres(to)) {
            throw new IllegalArgumentException("--to must be a PostgreSQL database, postgresql://HOST:PORT/NAME,"
                    + " got " + to);
        }
        Path toData = Path.of(require(arguments, "--to-data", "the data directory the trust's console will use"
                + " with this database (TLS files; screenshots when they are files)"));
        int batch = CommandLineOptions.intValue(arguments.options(), "--batch", StoreCopy.DEFAULT_BATCH);
        Map<String, String> databaseOptions = new HashMap<>();
        databaseOptions.put(DatabaseChoice.DB_OPTION, to);
        if (arguments.options().containsKey(DatabaseChoice.CREDENTIALS_OPTION)) {
            databaseOptions.put(DatabaseChoice.CREDENTIALS_OPTION,
                    arguments.options().get(DatabaseChoice.CREDENTIALS_OPTION));
        }
        DatabaseChoice target = DatabaseChoice.from(databaseOptions, env);
        ScreenshotPlace targetPlace = ScreenshotPlace.fromOptions(arguments.options(), env)
                .orElseGet(() -> ScreenshotPlace.recorded(toData));

        SourceConsole source = SourceConsole.open(from);
        try (ScreenshotStore sourceScreenshots = ScreenshotPlace.recorded(from).open(from, env);
             Database database = Database.open(target.backendFor(toData));
             ScreenshotStore targetScreenshots = targetPlace.open(toData, env, database)) {
            CopyReport report = new StoreCopy(source, sourceScreenshots, database, targetScreenshots, batch, progress)
                    .run();
            AuditChainReport chain = new AuditChainCheck(new AuditLog(database, clock)).run();
            targetPlace.record(toData);
            boolean matches = report.matches() && chain.intact();
            String verdict = matches
                    ? "Start the trust's console on it with: vigil-console serve --data " + toData + " --db " + to + "\n"
                    : "Do not start a console on " + target.describe(toData) + ": make a new, empty database and copy"
                            + " again once the cause is fixed\n";
            return new Outcome(report.describe() + "on the target: " + chain.describe() + "\n" + verdict,
                    matches ? 0 : DIFFERENT);
        }
    }

    private static String require(AdminArguments arguments, String option, String what) {
        String value = arguments.options().get(option);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("store copy needs " + option + ": " + what);
        }
        return value;
    }
}
