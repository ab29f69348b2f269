package org.vigil.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigil.agent.config.ConfigException;

class ArgumentsTest {
    @Test
    void withoutACommandBothHalvesRunInOneProcessAsBefore() throws ConfigException {
        assertEquals(new Arguments(Arguments.Command.BOTH, Optional.of(Path.of("a.properties")),
                Optional.of(Path.of("data")), Optional.empty()),
                Arguments.parse(new String[] {"--config", "a.properties", "--data", "data"}));
    }

    @Test
    void theServiceTakesItsConfigDataAndSocket() throws ConfigException {
        assertEquals(new Arguments(Arguments.Command.SERVICE, Optional.of(Path.of("/etc/vigil/agent.properties")),
                Optional.empty(), Optional.of(Path.of("/run/x.sock"))),
                Arguments.parse(new String[] {"service", "--config", "/etc/vigil/agent.properties", "--socket",
                        "/run/x.sock"}));
    }

    @Test
    void theWindowsServiceManagerStartsTheServiceWithTheSameOptions() throws ConfigException {
        assertEquals(new Arguments(Arguments.Command.WINDOWS_SERVICE,
                Optional.of(Path.of("C:\\ProgramData\\Vigil\\agent.properties")),
                Optional.of(Path.of("C:\\ProgramData\\Vigil\\data")), Optional.empty()),
                Arguments.parse(new String[] {"windows-service", "--config", "C:\\ProgramData\\Vigil\\agent.properties",
                        "--data", "C:\\ProgramData\\Vigil\\data"}));
        assertTrue(assertThrows(ConfigException.class, () -> Arguments.parse(new String[] {"windows-service"}))
                .getMessage().contains("--config FILE is required"));
    }

    @Test
    void theSessionHelperNeedsNothingButMayBeGivenItsSocket() throws ConfigException {
        assertEquals(new Arguments(Arguments.Command.SESSION, Optional.empty(), Optional.empty(), Optional.empty()),
                Arguments.parse(new String[] {"session"}));
        assertEquals(Optional.of(Path.of("/tmp/a.sock")),
                Arguments.parse(new String[] {"session", "--socket", "/tmp/a.sock"}).socket());
    }

    @Test
    void refusesWhatDoesNotFitTheCommand() {
        assertTrue(assertThrows(ConfigException.class, () -> Arguments.parse(new String[] {"session", "--config",
                "a"})).getMessage().contains("settings come from the device service"));
        assertTrue(assertThrows(ConfigException.class, () -> Arguments.parse(new String[] {"service"}))
                .getMessage().contains("--config FILE is required"));
        assertTrue(assertThrows(ConfigException.class, () -> Arguments.parse(new String[] {"--config", "a",
                "--socket", "b"})).getMessage().contains("--socket is for the service and session commands"));
        assertTrue(assertThrows(ConfigException.class, () -> Arguments.parse(new String[] {"daemon"}))
                .getMessage().contains("unknown command daemon"));
    }
}
