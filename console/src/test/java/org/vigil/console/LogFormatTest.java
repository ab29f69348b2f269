package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The console, the agent and the benchmarks stamp their log lines alike: ISO 8601 with the zone's offset. */
class LogFormatTest {
    static final String TIMESTAMP = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} ";

    @Test
    void logLinesStartWithAnIsoTimestamp() throws Exception {
        try (InputStream in = LogFormatTest.class.getResourceAsStream("/logback.xml")) {
            String config = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(config.contains("<pattern>" + TIMESTAMP), config);
        }
    }
}
