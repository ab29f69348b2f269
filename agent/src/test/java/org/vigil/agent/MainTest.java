package org.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    @Test
    void exitsWithTwoWhenASettingIsMissing() throws IOException {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "enrolment.token=t\n");

        assertEquals(2, new Main(Map.of()).run(new String[] {"--config", file.toString(), "--data", dir.toString()}));
    }

    @Test
    void exitsWithTwoWithoutAConfigArgument() {
        assertEquals(2, new Main(Map.of()).run(new String[] {"--data", dir.toString()}));
    }

    @Test
    void exitsWithTwoWhenNotEnrolledAndNoTokenIsGiven() throws IOException {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "console.address=localhost:1\nconsole.ca.sha256=" + "AB".repeat(32) + "\n");

        assertEquals(2, new Main(Map.of()).run(new String[] {"--config", file.toString(), "--data", dir.toString()}));
    }
}
