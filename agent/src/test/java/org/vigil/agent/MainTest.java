package org.vigil.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.runtime.Fatal;

class MainTest {
    private static final Fatal FATAL = (worker, cause) -> {
        throw new AssertionError(worker + " failed", cause);
    };

    @TempDir
    Path dir;

    @Test
    void exitsWithTwoWhenASettingIsMissing() throws IOException {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "enrolment.token=t\n");

        assertEquals(2, new Main(Map.of(), FATAL).run(new String[] {"--config", file.toString(), "--data", dir.toString()}));
    }

    @Test
    void exitsWithTwoWithoutAConfigArgument() {
        assertEquals(2, new Main(Map.of(), FATAL).run(new String[] {"--data", dir.toString()}));
    }

    @Test
    void exitsWithTwoWhenNotEnrolledAndNoTokenIsGiven() throws IOException {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "console.address=localhost:1\nconsole.ca.sha256=" + "AB".repeat(32) + "\n");

        assertEquals(2, new Main(Map.of(), FATAL).run(new String[] {"--config", file.toString(), "--data", dir.toString()}));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void exitsWithThreeWhenTheSessionHasNoDisplayForTheKeyboardHook() throws IOException {
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, "console.address=localhost:1\nconsole.ca.sha256=" + "AB".repeat(32)
                + "\nenrolment.token=t\n");

        assertEquals(3, new Main(Map.of(), FATAL).run(new String[] {"--config", file.toString(), "--data",
                dir.resolve("data").toString()}));
    }
}
