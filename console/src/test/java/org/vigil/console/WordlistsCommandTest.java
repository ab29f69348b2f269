package org.vigil.console;

import org.vigil.console.request.InvalidRequest;
import org.vigil.console.cli.WordlistsCommand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.wordlists.WordlistBundle;
import org.vigil.wordlists.WordlistFormatException;
import org.vigil.wordlists.WordlistProblems;

class WordlistsCommandTest {
    @TempDir
    Path dataDir;

    /** The commands work on a console {@code serve} has made. */
    @BeforeEach
    void makeConsole() {
        ConsoleHome.openOrCreate(dataDir).close();
    }

    @Test
    void editLogDiffAndRestoreFromTheCommandLine() throws Exception {
        Path file = dataDir.resolve("edit.txt");
        Files.writeString(file, "3 | lucky spin\n");
        String seeded = WordlistBundle.defaults().version();

        String published = lastWord(run("edit", "gambling", "--file", file.toString(), "--reason", "new slang"));
        String log = run("log");
        assertTrue(log.lines().skip(1).findFirst().orElseThrow().contains("\tEDIT\t" + published + "\tcli:test\tnew slang"),
                log);
        assertTrue(log.contains("\tSEED\t" + seeded + "\tconsole\t"), log);

        String diff = run("diff", seeded, "--to", published);
        assertTrue(diff.contains("ADDED\tgambling\t-\t3 | lucky spin\n"), diff);
        assertTrue(diff.lines().allMatch(line -> line.contains("\tgambling\t")), diff);

        assertEquals("published policy version " + seeded + "\n", run("restore", seeded, "--reason", "undo"));
        assertEquals("no change: version " + seeded + " is already in force\n", run("restore", seeded));
    }

    @Test
    void aMalformedImportIsRefusedWithItsFileAndLineAndChangesNothing() throws Exception {
        Path folder = Files.createDirectories(dataDir.resolve("import"));
        Files.writeString(folder.resolve("drugs.txt"), "3 | weed\n");
        Files.writeString(folder.resolve("gambling.txt"), "# ok so far\n2 | bet365\n2 | slots | spins\n");
        String before = run("log");

        WordlistFormatException refused = assertThrows(WordlistFormatException.class,
                () -> run("import", folder.toString()));

        assertEquals("gambling.txt:3: the third field starts with 'except:'", refused.getMessage());
        assertEquals(before, run("log"));
    }

    @Test
    void aMalformedImportListsEveryBrokenLineOfEveryFile() throws Exception {
        Path folder = Files.createDirectories(dataDir.resolve("import"));
        Files.writeString(folder.resolve("drugs.txt"), "3 | weed\n8 | spice\n");
        Files.writeString(folder.resolve("gambling.txt"), "2 | bet365\n2 | slots | spins\n");
        String before = run("log");

        WordlistProblems refused = assertThrows(WordlistProblems.class, () -> run("import", folder.toString()));

        assertEquals("drugs.txt:2: severity must be a number from 1 to 5, got '8'\n"
                + "gambling.txt:2: the third field starts with 'except:'", refused.getMessage());
        assertEquals(before, run("log"));
    }

    @Test
    void aCsvFileImportsAsCategoryFilesAndItsBadRowsAreNamedByCsvLine() throws Exception {
        Path csv = dataDir.resolve("terms.csv");
        Files.writeString(csv, "category,severity,term,match,exceptions\ngambling,3,lucky spin,word,\n");
        assertTrue(run("import", csv.toString()).startsWith("published policy version "));
        assertTrue(run("log").lines().skip(1).findFirst().orElseThrow().contains("\tIMPORT\t"));

        Files.writeString(csv, "category,severity,term,match,exceptions\ngambling,7,lucky spin,word,\n"
                + "gambling,3,spins,sideways,\n");
        WordlistProblems refused = assertThrows(WordlistProblems.class, () -> run("import", csv.toString()));
        assertEquals("terms.csv:2: severity must be a number from 1 to 5, got '7'\n"
                + "terms.csv:3: match must be word, prefix or flexible, got 'sideways'", refused.getMessage());
    }

    @Test
    void unknownVersionsAndMissingOptionsSayWhatIsWrong() {
        assertEquals("no policy version abc",
                assertThrows(InvalidRequest.class, () -> run("restore", "abc")).getMessage());
        assertEquals("edit needs --file",
                assertThrows(IllegalArgumentException.class, () -> run("edit", "gambling")).getMessage());
    }

    private String run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--data");
        all.add(dataDir.toString());
        return WordlistsCommand.run(all, Clock.systemUTC(), "cli:test");
    }

    private static String lastWord(String text) {
        return text.strip().substring(text.strip().lastIndexOf(' ') + 1);
    }
}
