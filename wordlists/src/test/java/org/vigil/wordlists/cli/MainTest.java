package org.vigil.wordlists.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Main main;
    @TempDir
    Path dir;

    @BeforeEach
    void setUp() throws IOException {
        main = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        Files.createDirectory(dir.resolve("lists"));
        Files.writeString(dir.resolve("lists/suicide.txt"), "5 | kill myself\n4 | suicid*\n");
        Files.writeString(dir.resolve("lists/bullying.txt"), "3 | loser\n");
    }

    private int run(String... args) {
        return main.run(args);
    }

    private String lists() {
        return dir.resolve("lists").toString();
    }

    @Test
    void checkSaysHowManyEntriesAndCategories() {
        assertEquals(0, run("--lists", lists(), "check"));
        assertTrue(out.toString().startsWith("3 entries in 2 categories [bullying, suicide]"), out.toString());
    }

    @Test
    void checkPointsAtTheBrokenLine() throws IOException {
        Files.writeString(dir.resolve("lists/bullying.txt"), "3 | loser\n9 | freak\n");
        assertEquals(1, run("--lists", lists(), "check"));
        assertEquals("error: bullying.txt:2: severity must be a number from 1 to 5, got '9'", err.toString().strip());
    }

    @Test
    void checkListsEveryBrokenLineOfEveryFile() throws IOException {
        Files.writeString(dir.resolve("lists/bullying.txt"), "3 | loser\n9 | freak\n3 | loser\n");
        Files.writeString(dir.resolve("lists/suicide.txt"), "5 | kill myself | unless\n");
        assertEquals(1, run("--lists", lists(), "check"));
        assertEquals(String.join("\n",
                "error: bullying.txt:2: severity must be a number from 1 to 5, got '9'",
                "error: bullying.txt:3: \"loser\" is already listed on line 1",
                "error: suicide.txt:1: the third field starts with 'except:'"), err.toString().strip());
    }

    @Test
    void checkFailsOnDuplicatesWithinACategory() throws IOException {
        Files.writeString(dir.resolve("lists/bullying.txt"), "3 | loser\n3 | l0ser\n");
        assertEquals(1, run("--lists", lists(), "check"));
        assertTrue(err.toString().contains("duplicate: bullying.txt:2: \"l0ser\" matches the same text as \"loser\""),
                err.toString());
    }

    @Test
    void testShowsTheHitAndItsExplanation() {
        assertEquals(0, run("--lists", lists(), "test", "i want to k1ll mys3lf"));
        String shown = out.toString();
        assertTrue(shown.contains("suicide severity 5 [10,21) \"k1ll mys3lf\""), shown);
        assertTrue(shown.contains("after undoing digits or symbols for letters, from rule suicide.txt:1"), shown);
    }

    @Test
    void testShowsTheWholeWordAPrefixTermMatched() {
        assertEquals(0, run("--lists", lists(), "test", "feeling su1c1dal today"));
        String shown = out.toString();
        assertTrue(shown.contains("suicide severity 4 [8,16) \"su1c1dal\""), shown);
        assertTrue(shown.contains("\"su1c1dal\" matched a word starting with \"suicid\""), shown);
    }

    private Path corpus() throws IOException {
        Path corpus = dir.resolve("corpus.tsv");
        Files.writeString(corpus, "expected\ttext\nsuicide\ti want to kill myself\nsuicide\tsu1c1dal\n"
                + "bullying\tur a loser\nbullying\tnobody likes u\nnone\tmy skills\nnone\tloser cruiser\n");
        return corpus;
    }

    @Test
    void evalEndsWithPrecisionAndRecallToThreeDecimals() throws IOException {
        assertEquals(0, run("--lists", lists(), "eval", corpus().toString()));
        String[] lines = out.toString().strip().split("\n");
        assertEquals("precision=0.750 recall=0.750", lines[lines.length - 1]);
    }

    @Test
    void evalPrintsPrecisionAndRecallPerCategory() throws IOException {
        assertEquals(0, run("--lists", lists(), "eval", corpus().toString()));
        String shown = out.toString();
        // bullying: 2 lines, 1 found, flagged on 2 lines of which 1 expected it
        assertTrue(shown.contains("bullying                2      1        2     0.500   0.500"), shown);
        assertTrue(shown.contains("suicide                 2      2        2     1.000   1.000"), shown);
        assertTrue(shown.contains("lines labelled 4, detected 3, false positives 1"), shown);
    }

    @Test
    void evalListsTheMissedAndWronglyFlaggedLinesOnlyWhenAsked() throws IOException {
        Path corpus = corpus();
        assertEquals(0, run("--lists", lists(), "eval", corpus.toString()));
        assertFalse(out.toString().contains("missed"), out.toString());
        assertFalse(out.toString().contains("false positive ("), out.toString());
        out.reset();
        assertEquals(0, run("--lists", lists(), "eval", "--misses", corpus.toString()));
        String shown = out.toString();
        assertTrue(shown.contains("missed (line 5, expected bullying, found nothing): nobody likes u"), shown);
        assertTrue(shown.contains("false positive (line 7, expected none, found bullying): loser cruiser"), shown);
        assertTrue(shown.strip().endsWith("precision=0.750 recall=0.750"), shown);
    }

    @Test
    void evalBinaryCountsAnyHitOnALabelledLine() throws IOException {
        Path corpus = dir.resolve("binary.tsv");
        Files.writeString(corpus, "expected\ttext\ndiscrimination\tur a loser\nnone\tloser cruiser\nnone\tmy skills\n");
        assertEquals(0, run("--lists", lists(), "eval", corpus.toString()));
        assertTrue(out.toString().strip().endsWith("precision=0.000 recall=0.000"), out.toString());
        out.reset();
        assertEquals(0, run("--lists", lists(), "eval", "--binary", corpus.toString()));
        String shown = out.toString();
        assertTrue(shown.contains("(binary: any hit counts, whatever its category)"), shown);
        assertTrue(shown.strip().endsWith("precision=0.500 recall=1.000"), shown);
    }

    @Test
    void evalJsonGivesTotalsCategoriesAndTheLinesWhenAsked() throws IOException {
        Path corpus = corpus();
        assertEquals(0, run("--lists", lists(), "eval", "--json", corpus.toString()));
        String json = out.toString().strip();
        assertTrue(json.startsWith("{\"corpus\":\"corpus.tsv\",\"scoring\":\"category\",\"lines\":6,\"labelled\":4,"
                + "\"detected\":3,\"falsePositives\":1,\"precision\":0.7500,\"recall\":0.7500,\"categories\":{"
                + "\"bullying\":{\"lines\":2,\"found\":1,\"flagged\":2,\"precision\":0.5000,\"recall\":0.5000}"), json);
        assertFalse(json.contains("\"missed\""), json);
        out.reset();
        assertEquals(0, run("--lists", lists(), "eval", "--json", "--misses", corpus.toString()));
        json = out.toString().strip();
        assertTrue(json.endsWith(",\"missed\":[{\"line\":5,\"expected\":[\"bullying\"],\"found\":[],"
                + "\"text\":\"nobody likes u\"}],\"wronglyFlagged\":[{\"line\":7,\"expected\":[],"
                + "\"found\":[\"bullying\"],\"text\":\"loser cruiser\"}]}"), json);
    }

    @Test
    void evalJsonEscapesQuotesBackslashesAndControlChars() throws IOException {
        Path corpus = dir.resolve("odd.tsv");
        Files.writeString(corpus, "expected\ttext\nbullying\tshe said \"hi\" \\o/ \u0001\n");
        assertEquals(0, run("--lists", lists(), "eval", "--json", "--misses", corpus.toString()));
        assertTrue(out.toString().contains("\"text\":\"she said \\\"hi\\\" \\\\o/ \\u0001\"}"), out.toString());
    }

    @Test
    void evalRefusesAnUnknownOrRepeatedFlag() throws IOException {
        Path corpus = corpus();
        assertEquals(2, run("--lists", lists(), "eval", "--missed", corpus.toString()));
        assertTrue(err.toString().contains("not '--missed'"), err.toString());
        assertEquals(2, run("--lists", lists(), "eval", "--json", "--json", corpus.toString()));
        assertEquals(2, run("--lists", lists(), "eval", "--json"));
        assertEquals("", out.toString());
    }

    @Test
    void evalRefusesAMalformedCorpusLine() throws IOException {
        Path corpus = dir.resolve("corpus.tsv");
        Files.writeString(corpus, "expected\ttext\nsuicide i want to die\n");
        assertEquals(1, run("--lists", lists(), "eval", corpus.toString()));
        assertTrue(err.toString().contains("corpus.tsv:2: expected 'categories<TAB>text'"), err.toString());
    }

    @Test
    void prepareCorporaWritesTheSplitsAndSaysWhatItSkipped() throws IOException {
        Path from = Files.createDirectory(dir.resolve("from"));
        Files.writeString(from.resolve("labeled_data.csv"), ",count,hate_speech,offensive_language,neither,class,tweet\n"
                + "0,3,0,0,3,2,a made up tweet about the weather\n1,3,3,0,0,0,a made up hateful tweet\n");
        assertEquals(0, run("prepare-corpora", "--from", from.toString(), "--to", dir.resolve("to").toString()));
        assertTrue(out.toString().contains("davidson-hate: 2 records, 2 kept"), out.toString());
        assertTrue(out.toString().contains("formspring: skipped, no formspring_data.csv"), out.toString());
        assertTrue(Files.exists(dir.resolve("to/davidson-hate-dev.tsv")));
        assertTrue(Files.exists(dir.resolve("to/davidson-hate-heldout.tsv")));
    }

    @Test
    void prepareCorporaNeedsBothFoldersAndAFolderThatExists() {
        assertEquals(2, run("prepare-corpora", "--from", dir.toString()));
        assertEquals(1, run("prepare-corpora", "--from", dir.resolve("nowhere").toString(), "--to", dir.toString()));
        assertTrue(err.toString().contains("nowhere: not a folder"), err.toString());
    }

    @Test
    void unknownCommandsGetTheUsage() {
        assertEquals(2, run("frobnicate"));
        assertTrue(err.toString().startsWith("usage:"));
    }
}
