package org.vigil.console.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void hostileCellsRoundTripThroughWritingAndReading() {
        List<String> cells = List.of("plain", "with, comma", "say \"hi\"", "two\nlines", "=HYPERLINK(\"x\")", "+1",
                "-1", "@SUM(A1)", "\tTab", "", "'quoted already");
        List<Csv.Record> records = Csv.read(Csv.row(cells) + Csv.row(List.of("next")));
        assertEquals(2, records.size());
        assertEquals(cells, records.get(0).cells().stream().map(Csv::unprotect).toList());
        assertEquals(1, records.get(0).line());
        assertEquals(3, records.get(1).line());
        assertEquals(List.of("next"), records.get(1).cells());
    }

    @Test
    void formulaLookingCellsAreWrittenWithALeadingApostrophe() {
        assertEquals("'=1+1,'+1,'-1,'@x,plain\r\n", Csv.row(List.of("=1+1", "+1", "-1", "@x", "plain")));
        assertEquals("\"'=A1,\"\"B\"\"\"", Csv.cell("=A1,\"B\""));
    }

    @Test
    void aByteOrderMarkAndAnyLineEndAreAcceptedAndBlankLinesSkipped() {
        List<Csv.Record> records = Csv.read("\uFEFFa,b\r\n\r\nc,d\re,f\n");
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d"), List.of("e", "f")),
                records.stream().map(Csv.Record::cells).toList());
        assertEquals(List.of(1, 3, 4), records.stream().map(Csv.Record::line).toList());
    }

    @Test
    void strayOrUnclosedQuotesAreRefusedWithTheirLine() {
        assertEquals(2, assertThrows(Csv.Malformed.class, () -> Csv.read("a,b\nc,d\"e\n")).line());
        assertEquals(2, assertThrows(Csv.Malformed.class, () -> Csv.read("a,b\n\"open,\nstill open\n")).line());
        assertEquals(1, assertThrows(Csv.Malformed.class, () -> Csv.read("\"closed\"x,b\n")).line());
    }
}
