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

/** Wordlist file format v1 (wordlists/README.md): what a category file may hold and how a broken one is refused. */
class WordlistFormatV1Test {

    private static List<Rule> parse(String fileName, String body) throws IOException {
        return WordlistParser.parse(fileName, new BufferedReader(new StringReader(body)));
    }

    private static String errorFor(String fileName, String body) {
        return assertThrows(WordlistFormatException.class, () -> parse(fileName, body)).getMessage();
    }

    private static String errorFor(String body) {
        return errorFor("self-harm.txt", body);
    }

    @Test
    void readsSeverityTermModeAndExceptions() throws IOException {
        List<Rule> rules = parse("suicide.txt", "# comment\n\n5 | Kill   Myself\n3 | suicid*\n2 | bomb | except: bath bomb; da bomb\n");
        assertEquals(3, rules.size());
        assertEquals(new Rule("suicide.txt", 3, "suicide", 5, "kill myself", MatchMode.WHOLE_WORD, List.of()), rules.get(0));
        assertEquals(MatchMode.WORD_PREFIX, rules.get(1).mode());
        assertEquals("suicid", rules.get(1).term());
        assertEquals(List.of("bath bomb", "da bomb"), rules.get(2).exceptions());
    }

    @Test
    void brokenLinesAreRefusedWithFileLineAndReason() {
        assertEquals("bullying.txt:2: severity must be a number from 1 to 5, got '7'", errorFor("bullying.txt", "3 | loser\n7 | freak\n"));
        assertEquals("bullying.txt:1: the term is empty", errorFor("bullying.txt", "3 |   \n"));
        assertEquals("bullying.txt:1: expected 'severity | term' or 'severity | term | except: phrase; phrase'",
                errorFor("bullying.txt", "loser\n"));
        assertEquals("bullying.txt:3: \"loser\" is already listed on line 1", errorFor("bullying.txt", "3 | loser\n2 | freak\n2 | LOSER\n"));
        assertEquals("bullying.txt:1: exception \"bath\" must be a longer phrase containing \"bomb\"",
                errorFor("bullying.txt", "2 | bomb | except: bath\n"));
        assertEquals("bullying.txt:1: the term is longer than 100 characters", errorFor("bullying.txt", "2 | " + "a".repeat(101) + "\n"));
        assertEquals("Bullying.txt:0: the file name must be a category id (lower-case letters, digits, '-')",
                errorFor("Bullying.txt", "2 | loser\n"));
    }

    @Test
    void invalidUtf8IsRefusedNotReadAsReplacementChars(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("bullying.txt"), new byte[] {'2', ' ', '|', ' ', 'x', '\n', '3', ' ', '|', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
        WordlistFormatException e = assertThrows(WordlistFormatException.class, () -> Wordlist.load(dir));
        assertEquals("bullying.txt:2: the file is not valid UTF-8", e.getMessage());
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
