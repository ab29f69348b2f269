package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.cli.Main;

/** {@code vigil-console pupils import FILE.csv --data DIR} in a process of its own, as IT runs it from a shell. */
class PupilsImportCommandTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path files;

    @BeforeEach
    void console() {
        ConsoleHome.openOrCreate(dataDir).close();
    }

    @Test
    void importsAFileThenRefusesABadOneNamingEveryLineAndChangingNothing() throws Exception {
        Path good = Files.writeString(files.resolve("arbor.csv"), "First Name,Last Name,Year Group,Form,Username\n"
                + "Bella,Smith,Year 9,9B,bsmith\nAled,Jones,Year 9,9C,ajones\n");
        Run imported = pupils("import", good.toString(), "--data", dataDir.toString());
        assertEquals(0, imported.exit(), imported.stderr());
        assertEquals("imported " + good + ": 2 added, 0 updated, 0 marked left, 0 unchanged\n", imported.stdout());

        Path bad = Files.writeString(files.resolve("bad.csv"), "First Name,Last Name,Year Group,Form,Username\n"
                + "Bella,Smith,Year 9,9B,\nAled,Jones,,9C,ajones\n");
        Run refused = pupils("import", bad.toString(), "--data", dataDir.toString());
        assertEquals(1, refused.exit());
        assertEquals("", refused.stdout());
        assertEquals(List.of("vigil-console: line 2, username: empty; every pupil needs a username",
                "vigil-console: line 3, year group: empty; every pupil needs a year group",
                "vigil-console: 2 problems, nothing changed"), refused.stderr().lines().toList());
        assertEquals(2, Db.count(dataDir, "SELECT count(*) FROM pupils WHERE left_at IS NULL"));
        assertEquals("cli:" + System.getProperty("user.name"), Db.text(dataDir,
                "SELECT actor FROM audit_log WHERE action = 'pupils.import'"));

        Run missing = pupils("import", files.resolve("nope.csv").toString(), "--data", dataDir.toString());
        assertEquals(2, missing.exit());
        assertTrue(missing.stderr().startsWith("vigil-console: no such file: "), missing.stderr());
        assertFalse(missing.stderr().contains("Exception"), missing.stderr());
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private static Run pupils(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), Main.class.getName(), "pupils"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String stdout = read(process.getInputStream());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "pupils import did not finish");
        return new Run(process.exitValue(), stdout, stderr.join().lines()
                .filter(line -> line.startsWith("vigil-console:")).reduce("", (a, b) -> a + b + "\n"));
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
