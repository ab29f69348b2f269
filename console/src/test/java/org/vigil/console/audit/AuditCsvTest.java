package org.vigil.console.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.vigil.console.store.AuditLog;

class AuditCsvTest {

    @Test
    void quotesCommasQuotesAndLineBreaksAndLeavesEmptyCellsEmpty() throws Exception {
        StringWriter out = new StringWriter();
        new AuditCsv(out).row(new AuditLog.AuditEntry(7, Instant.parse("2026-01-02T03:04:05Z"), "dsl", "capture.note",
                "capture:1", "said \"hi\",\nthen left"));
        new AuditCsv(out).row(new AuditLog.AuditEntry(8, Instant.parse("2026-01-02T03:04:05Z"), "dsl", "audit.view",
                null, null));
        assertEquals("7,2026-01-02T03:04:05Z,dsl,capture.note,capture:1,\"said \"\"hi\"\",\nthen left\"\r\n"
                + "8,2026-01-02T03:04:05Z,dsl,audit.view,,\r\n", out.toString());
    }

    @Test
    void cellsThatASpreadsheetWouldRunAsFormulasAreDefused() {
        assertEquals("\"'=HYPERLINK(\"\"x\"\")\"", AuditCsv.cell("=HYPERLINK(\"x\")"));
        assertEquals("'+1", AuditCsv.cell("+1"));
        assertEquals("'-1", AuditCsv.cell("-1"));
        assertEquals("'@SUM(A1)", AuditCsv.cell("@SUM(A1)"));
        assertEquals("plain", AuditCsv.cell("plain"));
    }
}
