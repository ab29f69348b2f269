package org.vigil.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vigil.agent.e2e.RunningProcess;
import org.vigil.agent.e2e.VigilUnderTest;

/** The three shipped jars, as built: --help prints real usage and --version the build's version, both exit 0. */
@Tag("packaging")
class JarsHelpAndVersionTest {
    @ParameterizedTest
    @ValueSource(strings = {"agent", "console", "wordlists"})
    void helpAndVersionPrintRealTextAndExitZero(String name) throws Exception {
        String jar = VigilUnderTest.jar("vigil." + name + ".jar").toString();
        Host.Result help = Host.run(List.of(RunningProcess.java(), "-jar", jar, "--help")).orFail(name + " --help");
        assertTrue(help.output().startsWith("usage:"), help.output());
        assertTrue(help.output().lines().count() >= 3, "more than a line of usage: " + help.output());
        assertTrue(help.output().contains("--version"), help.output());

        Host.Result version = Host.run(List.of(RunningProcess.java(), "-jar", jar, "--version"))
                .orFail(name + " --version");
        assertEquals("vigil-" + name + " " + System.getProperty("vigil.packaging.version"), version.output().strip());
    }
}
