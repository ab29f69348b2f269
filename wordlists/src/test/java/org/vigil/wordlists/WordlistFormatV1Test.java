package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordlistFormatV1Test {

    private static List<Rule> parse(String fileName, String body) throws IOException {
        return WordlistParser.parse(fileName, new BufferedReader(new StringReader(body)));
    }

    private static String errorFor(String body) {
        return assertThrows(WordlistFormatException.class, () -> parse("self-harm.txt", body)).getMessage();
    }

    @Test
    void readsAFlexiblePhraseWrittenWithTildes() throws IOException {
        Rule rule = parse("self-harm.txt", "4 | Self ~ Harm | except: self harm awareness week\n").get(0);
        assertEquals(MatchMode.FLEXIBLE_PHRASE, rule.mode());
        assertEquals("self~harm", rule.term());
        assertEquals(List.of("self harm awareness week"), rule.exceptions());
    }

    @Test
    void refusesMalformedFlexiblePhrases() {
        assertEquals("self-harm.txt:1: a flexible phrase joins every pair of words with one '~', as in self~harm",
                errorFor("4 | cut my~self\n"));
        assertEquals("self-harm.txt:1: a flexible phrase (with '~') cannot also end in '*'", errorFor("4 | self~harm*\n"));
    }

    @Test
    void refusesTermsThatNormaliseToNothing() {
        assertEquals("self-harm.txt:2: the term \"'''\" has no letter or digit once normalised, so it could never match",
                errorFor("3 | cut\n4 | '''\n"));
        assertTrue(errorFor("4 | \u200B\u200B\n").contains("no letter or digit once normalised"));
    }

    @Test
    void refusesTheSameTermWithTwoModes() {
        assertEquals("self-harm.txt:2: \"suicid\" conflicts with line 1: the same term with two match modes",
                errorFor("4 | suicid*\n3 | suicid\n"));
    }

    @Test
    void refusesAbsurdExceptions() {
        assertTrue(errorFor("2 | bomb | except: " + "bath bomb ".repeat(30) + "\n").contains("longer than 200"));
        StringBuilder many = new StringBuilder("2 | bomb | except: ");
        for (int i = 0; i < 51; i++) {
            many.append("bomb").append(i).append("; ");
        }
        assertEquals("self-harm.txt:1: more than 50 exceptions", errorFor(many + "\n"));
    }

    @Test
    void aMillionLinesStopAtTheLimitQuickly() {
        String body = "# filler\n".repeat(1_000_000);
        String message = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> errorFor(body));
        assertEquals("self-harm.txt:100001: more than 100000 lines", message);
    }

    @Test
    void anOversizedFileIsRefusedBeforeItIsRead(@TempDir Path dir) throws IOException {
        byte[] big = new byte[WordlistLoader.MAX_FILE_BYTES + 1];
        Arrays.fill(big, (byte) 'a');
        Files.write(dir.resolve("drugs.txt"), big);
        WordlistFormatException e = assertThrows(WordlistFormatException.class, () -> Wordlist.load(dir));
        assertEquals("drugs.txt:0: the file is larger than 16 MB", e.getMessage());
    }

    @Test
    void entriesAlikeOnceNormalisedAreReportedNotMerged(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("drugs.txt"), "3 | weed\n3 | w33d\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("bullying.txt"), "4 | kys\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("suicide.txt"), "5 | KYS\n", StandardCharsets.UTF_8);
        Wordlist wordlist = Wordlist.load(dir);
        assertEquals(4, wordlist.rules().size(), "both rules of each pair are kept");
        List<Wordlist.Repeat> repeats = wordlist.repeats();
        assertEquals(List.of("drugs.txt:2: \"w33d\" matches the same text as \"weed\" (drugs.txt:1) once normalised"),
                repeats.stream().filter(Wordlist.Repeat::sameCategory).map(Object::toString).toList());
        assertEquals(1, repeats.stream().filter(r -> !r.sameCategory()).count());
    }
}
