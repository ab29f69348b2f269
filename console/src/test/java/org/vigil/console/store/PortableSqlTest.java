package org.vigil.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The repositories' SQL runs on every database the console supports (ADR 0181): what only SQLite understands
 * lives behind {@link StoreBackend} in {@code console.store.sqlite} and in its own migrations folder. This reads
 * the repositories' sources, because a SQLite-only statement would pass every other test on the default database.
 */
class PortableSqlTest {

    private static final Path STORE_SOURCES = Path.of("src/main/java/org/vigil/console/store");

    private static final Pattern SQLITE_ONLY = Pattern.compile(
            "INSERT\\s+OR\\s+(IGNORE|REPLACE)|REPLACE\\s+INTO|last_insert_rowid|RAISE\\s*\\(|"
                    + "julianday\\s*\\(|strftime\\s*\\(|datetime\\s*\\(|\\bGLOB\\b|PRAGMA\\b|sqlite_master|"
                    // a sum over a comparison: PostgreSQL has no sum(boolean) (ADR 0170)
                    + "\\bsum\\s*\\(\\s*[\\w.]+\\s*(=|<>|!=|<|>)",
            Pattern.CASE_INSENSITIVE);

    @Test
    void thePatternKnowsTheFormsPostgresqlRefuses() {
        for (String sqliteOnly : List.of("SELECT sum(status = 'X') FROM captures", "sum(c.status <> 'NEW')",
                "INSERT OR IGNORE INTO t")) {
            assertEquals(true, SQLITE_ONLY.matcher(sqliteOnly).find(), sqliteOnly);
        }
        for (String portable : List.of("SELECT sum(captures) FROM report_days",
                "sum(CASE WHEN a = 1 THEN 1 ELSE 0 END)")) {
            assertEquals(false, SQLITE_ONLY.matcher(portable).find(), portable);
        }
    }

    @Test
    void noRepositoryOutsideTheSqliteBackendUsesSqliteOnlySql() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(STORE_SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (SQLITE_ONLY.matcher(lines.get(i)).find() && !lines.get(i).strip().startsWith("*")) {
                        found.add(file.getFileName() + ":" + (i + 1) + ": " + lines.get(i).strip());
                    }
                }
            }
        }
        assertEquals(List.of(), found, "SQLite-only SQL belongs in console.store.sqlite");
    }

    @Test
    void theScanSeesTheRepositories() throws IOException {
        try (Stream<Path> files = Files.list(STORE_SOURCES)) {
            assertEquals(true, files.anyMatch(f -> f.getFileName().toString().equals("CaptureRepository.java")),
                    "run from the console module, where the sources are");
        }
    }
}
