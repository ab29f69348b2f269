package org.vigil.console.terms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.console.csv.Csv;
import org.vigil.wordlists.WordlistBundle;
import org.vigil.wordlists.WordlistProblems;

class WordlistCsvTest {

    @Test
    void everyEntryRoundTripsWithItsSeverityModeAndExceptions() {
        Map<String, String> files = Map.of(
                "drugs.txt", "# street names\n3 | weed | except: weed the garden; weed killer\n4 | spice*\n",
                "self-harm.txt", "4 | self~harm\n# off: 2 | cutting\n");
        String csv = WordlistCsv.write(files);
        assertEquals(WordlistCsv.HEADER + "\r\n"
                + "drugs,3,weed,word,weed the garden; weed killer\r\n"
                + "drugs,4,spice,prefix,\r\n"
                + "self-harm,4,self harm,flexible,\r\n", csv);
        Map<String, String> back = WordlistCsv.read("export.csv", csv);
        assertEquals(TermDiff.between(WordlistBundle.of(files).wordlist(), WordlistBundle.of(back).wordlist()),
                List.of());
    }

    @Test
    void formulaLookingAndQuotedTermsAreDefusedOnExportAndRestoredOnImport() {
        Map<String, String> files = Map.of("bullying.txt",
                "3 | -loser\n3 | =cmd\n2 | @you\n2 | \"quoted\", with comma | except: \"quoted\", with comma here\n");
        String csv = WordlistCsv.write(files);
        assertTrue(csv.contains("bullying,3,'-loser,word,"), csv);
        assertTrue(csv.contains("bullying,3,'=cmd,word,"), csv);
        assertTrue(csv.contains("bullying,2,'@you,word,"), csv);
        for (Csv.Record record : Csv.read(csv)) {
            for (String cell : record.cells()) {
                assertTrue(cell.isEmpty() || "=+-@\t\r".indexOf(cell.charAt(0)) < 0, cell);
            }
        }
        Map<String, String> back = WordlistCsv.read("export.csv", "\uFEFF" + csv);
        assertEquals(List.of(), TermDiff.between(WordlistBundle.of(files).wordlist(), WordlistBundle.of(back).wordlist()));
    }

    @Test
    void everyBadRowIsNamedByItsCsvLine() {
        String csv = "category,severity,term,match,exceptions\n"
                + "drugs,3,weed,word,\n"
                + "drugs,9,spice,word,\n"
                + "\n"
                + "Drugs,3,ket,word,\n"
                + "drugs,3,\"multi\nline\",word,\n"
                + "drugs,3,weed,prefix,\n"
                + "drugs,3,bomb,sideways,\n"
                + "drugs,3,pipe|d,word,\n"
                + "drugs,2,coke,word,cola\n";
        WordlistProblems refused = assertThrows(WordlistProblems.class, () -> WordlistCsv.read("terms.csv", csv));
        assertEquals(List.of(
                "terms.csv:3: severity must be a number from 1 to 5, got '9'",
                "terms.csv:5: the category must be an id such as self-harm (lower-case letters, digits, '-'), got 'Drugs'",
                "terms.csv:6: the term may not contain a line break",
                "terms.csv:9: match must be word, prefix or flexible, got 'sideways'",
                "terms.csv:10: the term may not contain '|' (it separates the fields of a line)",
                "terms.csv:8: \"weed\" conflicts with line 2: the same term with two match modes",
                "terms.csv:11: exception \"cola\" must be a longer phrase containing \"coke\""), refused.lines());
    }

    @Test
    void aFileWithoutTheHeaderOrWithoutRowsIsRefused() {
        assertEquals("terms.csv:1: the first line must be the header " + WordlistCsv.HEADER,
                assertThrows(WordlistProblems.class, () -> WordlistCsv.read("terms.csv", "drugs,3,weed,word,\n"))
                        .getMessage());
        assertEquals("terms.csv:1: the file holds no entries after the header",
                assertThrows(WordlistProblems.class, () -> WordlistCsv.read("terms.csv", WordlistCsv.HEADER + "\n"))
                        .getMessage());
        assertEquals("terms.csv:2: a quoted cell is never closed",
                assertThrows(WordlistProblems.class, () -> WordlistCsv.read("terms.csv",
                        WordlistCsv.HEADER + "\ndrugs,3,\"weed\n")).getMessage());
    }
}
