package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigil.console.csv.Csv;
import org.vigil.proto.v1.Event;

/**
 * The queue's captures as CSV over real HTTP (issue 14): the filter's captures across pages, formula-like text a
 * pupil typed defused, DSL only, every export audited with its filter and count.
 */
class CapturesCsvTest {
    private static final String PASSWORD = "correct horse battery staple";

    @RegisterExtension
    static final ConsoleWithStaff staff = new ConsoleWithStaff(PASSWORD, "csv");

    @Test
    void theFiltersCapturesComeOutAsCsvWithFormulasDefusedAndTheExportAudited() throws Exception {
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            events.add(Events.valid().setUser("csv-pupil").build());
        }
        events.add(Events.valid().setUser("csv-other").build());
        staff.send(events);
        String hostile = "=HYPERLINK(\"http://evil.example\",\"x\")";
        staff.send(List.of(Events.valid().setUser("csv-formula").setMatchedText(hostile)
                .setContext(hostile).setMatchStart(0).setMatchEnd(hostile.length()).build()));

        HttpResponse<String> csv = staff.dsl().get("/captures.csv?status=ALL&pupil=csv-pupil");

        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<Csv.Record> records = Csv.read(csv.body());
        assertEquals(301, records.size(), "a header and every capture of the filter, across export pages");
        assertEquals("csv-pupil", records.get(1).cells().get(4));
        assertEquals("300 captures, filter status=ALL&pupil=csv-pupil", Db.text(staff.dataDir(),
                "SELECT detail FROM audit_log WHERE action = 'captures.export' ORDER BY id DESC LIMIT 1"));

        String formula = staff.dsl().get("/captures.csv?status=ALL&pupil=csv-formula").body();
        assertTrue(formula.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""), formula);

        assertEquals(403, staff.it().get("/captures.csv").statusCode(), "IT never reads captures");
    }
}
