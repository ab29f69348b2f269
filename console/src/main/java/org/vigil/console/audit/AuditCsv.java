package org.vigil.console.audit;

import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import org.vigil.console.csv.Csv;
import org.vigil.console.store.AuditLog;

/**
 * Writes audit entries as RFC 4180 CSV through {@link Csv}, which defuses cells a spreadsheet would run as a formula,
 * since actors, targets and notes can carry text a pupil typed.
 */
public final class AuditCsv {
    private final Writer out;

    public AuditCsv(Writer out) {
        this.out = out;
    }

    public void header() throws IOException {
        out.write("id,occurred_at_utc,actor,action,target,detail\r\n");
    }

    public void row(AuditLog.AuditEntry entry) throws IOException {
        out.write(Long.toString(entry.id()));
        out.write(',');
        out.write(DateTimeFormatter.ISO_INSTANT.format(entry.occurredAt()));
        for (String cell : new String[] {entry.actor(), entry.action(), entry.target(), entry.detail()}) {
            out.write(',');
            out.write(cell(cell));
        }
        out.write("\r\n");
    }

    static String cell(String value) {
        return Csv.cell(value);
    }
}
