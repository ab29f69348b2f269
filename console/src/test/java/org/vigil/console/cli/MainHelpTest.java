package org.vigil.console.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MainHelpTest {
    @Test
    void helpIsAskedForAnywhereOnAnyCommandAndNothingElseIsRun() {
        assertTrue(Main.wantsHelp(List.of("--help")));
        assertTrue(Main.wantsHelp(List.of("help")));
        assertTrue(Main.wantsHelp(List.of("serve", "--data", "x", "--help")));
        assertTrue(Main.wantsHelp(List.of("tokens", "-h")));
        assertFalse(Main.wantsHelp(List.of("serve", "--data", "help")), "a value named help is a value");
        assertFalse(Main.wantsHelp(List.of()));
    }
}
