package org.vigil.wordlists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordlistParserTest {

    private static List<Rule> parse(String fileName, String body) throws IOException {
        return WordlistParser.parse(fileName, new BufferedReader(new StringReader(body)));
    }

    private static String errorFor(String fileName, String body) {
        return assertThrows(WordlistFormatException.class, () -> parse(fileName, body)).getMessage();
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
}
