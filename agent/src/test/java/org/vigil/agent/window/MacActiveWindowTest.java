package org.vigil.agent.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.agent.secure.MacSecureInput;

/**
 * The macOS window and secure-input logic over fixtures of what CGWindowListCopyWindowInfo and
 * IsSecureEventInputEnabled answer (written from Apple's documentation, not recorded on a Mac).
 */
class MacActiveWindowTest {
    /** Front to back: the menu bar and Dock's layers first, then Safari's window, then Notes'. */
    private static final List<MacWindow> SAFARI_IN_FRONT = List.of(new MacWindow(25, "Window Server", "Menubar"),
            new MacWindow(20, "Dock", ""), new MacWindow(0, "Safari", "BBC Bitesize - Maths"),
            new MacWindow(0, "Notes", "Shopping"));

    @Test
    void theFrontmostOrdinaryWindowNamesTheAppAndTitle() {
        WindowInfo window = new MacActiveWindow(desktop(SAFARI_IN_FRONT, false)).current();
        assertEquals(new WindowInfo("BBC Bitesize - Maths", "Safari"), window);
    }

    @Test
    void withoutScreenRecordingPermissionTheTitleIsEmptyButTheAppIsKnown() {
        WindowInfo window = new MacActiveWindow(desktop(List.of(new MacWindow(0, "Safari", "")), false)).current();
        assertEquals(new WindowInfo("", "Safari"), window);
    }

    @Test
    void noOrdinaryWindowOrAFailingCallIsUnknown() {
        assertEquals(WindowInfo.UNKNOWN, new MacActiveWindow(desktop(List.of(new MacWindow(25, "Window Server",
                "Menubar")), false)).current());
        MacDesktop failing = new MacDesktop() {
            @Override
            public List<MacWindow> onScreenWindows() {
                throw new UnsatisfiedLinkError("CGWindowListCopyWindowInfo");
            }

            @Override
            public boolean secureEventInput() {
                throw new UnsatisfiedLinkError("IsSecureEventInputEnabled");
            }
        };
        assertEquals(WindowInfo.UNKNOWN, new MacActiveWindow(failing).current());
        assertFalse(new MacSecureInput(failing::secureEventInput).passwordFocused());
    }

    @Test
    void secureEventInputOnIsAPasswordFocus() {
        assertTrue(new MacSecureInput(desktop(SAFARI_IN_FRONT, true)::secureEventInput).passwordFocused());
        assertFalse(new MacSecureInput(desktop(SAFARI_IN_FRONT, false)::secureEventInput).passwordFocused());
    }

    private static MacDesktop desktop(List<MacWindow> windows, boolean secure) {
        return new MacDesktop() {
            @Override
            public List<MacWindow> onScreenWindows() {
                return windows;
            }

            @Override
            public boolean secureEventInput() {
                return secure;
            }
        };
    }
}
