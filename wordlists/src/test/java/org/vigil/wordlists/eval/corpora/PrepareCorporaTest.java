package org.vigil.wordlists.eval.corpora;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.wordlists.eval.EvalCorpus;
import org.vigil.wordlists.eval.Example;

/** The data sets' own formats, in small made-up files; the real data is never needed to test this. */
class PrepareCorporaTest {
    private static final String DAVIDSON = """
            ,count,hate_speech,offensive_language,neither,class,tweet
            0,3,0,0,3,2,!!! RT @someone: lovely weather &amp; a walk &#128514;
            1,3,0,3,0,1,made up offensive tweet number one
            2,3,3,0,0,0,made up hateful tweet
            3,3,0,0,3,2,"a quoted tweet, with a comma and ""quotes""
            over two lines"
            4,3,0,0,3,2,!!! RT @someone: lovely weather &amp; a walk &#128514;
            5,3,0,3,0,1,made up hateful tweet
            """;
    private static final String FORMSPRING = "userid\tpost\tques\tans\tasker\tans1\tseverity1\tbully1\tans2\tseverity2"
            + "\tbully2\tans3\tseverity3\tbully3\n"
            + "a\tQ: what&#039;s your favourite colour?<br>A: green\t\t\t\tNo\t0\tn/a\tNo\t0\tn/a\tNo\t0\tn/a\n"
            + "a\tQ: made up mean question<br>A: made up answer\t\t\t\tYes\t5\tmean\tNo\t0\tn/a\tYes\t3\t\"\"\"mean\"\"\"\n"
            + "a\tQ: only one worker said so<br>A: ok\t\t\t\tNo\t0\tn/a\tYes\t2\tx\tNo\tNone\tN/A\n"
            + "a\tQ: <br>A: \t\t\t\tNo\t0\tn/a\tNo\t0\tn/a\tNo\t0\tn/a\n";
    private static final String SUICIDE_WATCH = """
            "","text","class"
            "1","Made up titleA made up post
            over two lines &amp; more","suicide"
            "2","a made up post about homework","non-suicide"
            "3","a made up post about homework","non-suicide"
            """;

    @TempDir
    Path dir;

    /** A fresh folder holding just this file. */
    private Path from(String file, String content) throws IOException {
        Path from = Files.createTempDirectory(dir, "from");
        Files.writeString(from.resolve(file), content);
        return from;
    }

    private List<Example> read(String file) throws IOException {
        return EvalCorpus.read(dir.resolve("to").resolve(file));
    }

    private List<Example> both(String id) throws IOException {
        List<Example> all = new ArrayList<>(read(id + "-dev.tsv"));
        all.addAll(read(id + "-heldout.tsv"));
        return all;
    }

    private static List<String> texts(List<Example> examples, String label) {
        return examples.stream().filter(e -> label.equals("none") ? e.expected().isEmpty()
                : e.expected().contains(label)).map(Example::text).sorted().toList();
    }

    @Test
    void davidsonHateAgainstNeitherAndOffensiveAgainstNeither() throws IOException {
        List<String> report = PrepareCorpora.run(from("labeled_data.csv", DAVIDSON), dir.resolve("to"));
        List<Example> hate = both("davidson-hate");
        assertEquals(List.of("made up hateful tweet"), texts(hate, "discrimination"));
        assertEquals(List.of("!!! RT @someone: lovely weather & a walk \uD83D\uDE02",
                "a quoted tweet, with a comma and \"quotes\" over two lines"), texts(hate, "none"));
        List<Example> offensive = both("davidson-offensive");
        // "made up hateful tweet" is hate (class 0) on one line and offensive (class 1) on another: left out of
        // the offensive corpus, where it would be both a positive and a left-out line
        assertEquals(List.of("made up hateful tweet", "made up offensive tweet number one"),
                texts(offensive, "inappropriate-language"));
        assertTrue(report.get(0).startsWith("davidson-hate: 4 records, 3 kept (1 repeated, 0 labelled both ways"),
                report.toString());
        assertTrue(report.get(2).startsWith("formspring: skipped, no formspring_data.csv"), report.toString());
    }

    @Test
    void formspringIsBullyingWhenTwoOfTheThreeWorkersSaidYes() throws IOException {
        List<String> report = PrepareCorpora.run(from("formspring_data.csv", FORMSPRING), dir.resolve("to"));
        List<Example> all = both("formspring");
        assertEquals(List.of("made up mean question made up answer"), texts(all, "bullying"));
        assertEquals(List.of("only one worker said so ok", "what's your favourite colour? green"), texts(all, "none"));
        assertTrue(report.get(2).contains("1 empty dropped"), report.toString());
    }

    @Test
    void aSuicideWatchPostExpectsSuicideOrSelfHarmAndATeenagersPostNothing() throws IOException {
        List<String> report = PrepareCorpora.run(from("Suicide_Detection.csv", SUICIDE_WATCH), dir.resolve("to"));
        List<Example> all = both("suicide-watch");
        assertEquals(List.of("Made up titleA made up post over two lines & more"), texts(all, "suicide"));
        assertEquals(List.of("Made up titleA made up post over two lines & more"), texts(all, "self-harm"));
        assertEquals(List.of("a made up post about homework"), texts(all, "none"));
        assertTrue(report.get(3).startsWith("suicide-watch: 3 records, 2 kept (1 repeated"), report.toString());
    }

    @Test
    void aSuicideWatchClassThatIsNeitherIsRefusedWithItsLine() throws IOException {
        Path from = from("Suicide_Detection.csv", SUICIDE_WATCH + "\"4\",\"a post\",\"depression\"\n");
        IOException e = assertThrows(IOException.class, () -> PrepareCorpora.run(from, dir.resolve("to")));
        assertEquals("Suicide_Detection.csv:6: class must be suicide or non-suicide, got 'depression'", e.getMessage());
    }

    @Test
    void aTextLabelledBothWaysIsDropped() throws IOException {
        PrepareCorpora.run(from("labeled_data.csv", DAVIDSON
                + "6,3,3,0,0,0,\"a quoted tweet, with a comma and \"\"quotes\"\"\nover two lines\"\n"), dir.resolve("to"));
        List<Example> hate = both("davidson-hate");
        assertFalse(hate.stream().anyMatch(e -> e.text().startsWith("a quoted tweet")), hate.toString());
    }

    @Test
    void theSplitDependsOnTheTextAloneAndKeepsAboutThreeInTenBack() {
        int heldOut = 0;
        for (int i = 0; i < 10_000; i++) {
            if (Split.of("line " + i) == Split.HELD_OUT) {
                heldOut++;
            }
        }
        assertTrue(heldOut > 2_850 && heldOut < 3_150, "held out " + heldOut);
        assertEquals(Split.of("the same words"), Split.of("the same words"));
    }

    @Test
    void sourcesRecordTheOriginVersionLicenceMappingAndTheInputHash() throws IOException {
        PrepareCorpora.run(from("labeled_data.csv", DAVIDSON), dir.resolve("to"));
        String sources = Files.readString(dir.resolve("to/SOURCES.md"));
        assertTrue(sources.contains("- source: github.com/t-davidson/hate-speech-and-offensive-language"), sources);
        assertTrue(sources.contains("- version: commit 6a1e3f02522963d820e302c3ad48b189552c143b"), sources);
        assertTrue(sources.contains("- licence: MIT"), sources);
        assertTrue(sources.contains("- labels: class 0 (hate speech) -> discrimination"), sources);
        assertTrue(sources.matches("(?s).*SHA-256 [0-9a-f]{64}.*"), sources);
    }

    @Test
    void aBadLabelIsRefusedWithItsLineAndNothingIsWritten() throws IOException {
        Path from = from("labeled_data.csv", DAVIDSON + "7,3,0,0,3,9,a tweet with no such class\n");
        IOException e = assertThrows(IOException.class, () -> PrepareCorpora.run(from, dir.resolve("to")));
        assertEquals("labeled_data.csv:9: class must be 0, 1 or 2, got '9'", e.getMessage());
        assertTrue(!Files.exists(dir.resolve("to")) || isEmpty(dir.resolve("to")));
    }

    @Test
    void aBadRecordInOneDataSetLeavesTheOutputOfEarlierRunsAsItWas() throws IOException {
        Path to = dir.resolve("to");
        PrepareCorpora.run(from("labeled_data.csv", DAVIDSON), to);
        String before = Files.readString(to.resolve("davidson-hate-dev.tsv")) + Files.readString(to.resolve("SOURCES.md"));
        Path both = from("labeled_data.csv", DAVIDSON + "6,3,3,0,0,0,a new made up line\n");
        Files.writeString(both.resolve("formspring_data.csv"), "userid\tpost\tans1\tans2\tans3\nx\ty\tMaybe\tNo\tNo\n");
        IOException e = assertThrows(IOException.class, () -> PrepareCorpora.run(both, to));
        assertEquals("formspring_data.csv:2: ans1 must be Yes, No or empty, got 'Maybe'", e.getMessage());
        assertEquals(before, Files.readString(to.resolve("davidson-hate-dev.tsv")) + Files.readString(to.resolve("SOURCES.md")));
    }

    @Test
    void aShortRowAnUnclosedQuoteAndAMissingColumnAreRefused() throws IOException {
        Path to = dir.resolve("to");
        IOException shortRow = assertThrows(IOException.class, () -> PrepareCorpora.run(
                from("labeled_data.csv", ",count,hate_speech,offensive_language,neither,class,tweet\n0,3,2,a\n"), to));
        assertEquals("labeled_data.csv:2: expected 7 fields as in the header, found 4", shortRow.getMessage());
        IOException unclosed = assertThrows(IOException.class, () -> PrepareCorpora.run(
                from("labeled_data.csv", ",count,hate_speech,offensive_language,neither,class,tweet\n0,3,0,0,3,2,\"oops\n"),
                to));
        assertEquals("labeled_data.csv:2: a quoted field is never closed", unclosed.getMessage());
        IOException noColumn = assertThrows(IOException.class, () -> PrepareCorpora.run(
                from("formspring_data.csv", "userid\tpost\tans1\tans2\nx\ty\tNo\tNo\n"), to));
        assertTrue(noColumn.getMessage().startsWith("formspring_data.csv:1: no 'ans3' column"), noColumn.getMessage());
    }

    @Test
    void aFolderWithNoKnownDataSetSaysWhatItLookedFor() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        IOException e = assertThrows(IOException.class, () -> PrepareCorpora.run(empty, dir.resolve("to")));
        assertTrue(e.getMessage().contains("[labeled_data.csv, formspring_data.csv, Suicide_Detection.csv]"), e.getMessage());
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.findAny().isEmpty();
        }
    }
}
