package org.vigil.agent.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vigil.agent.secure.WindowsPasswordFocus;

/** The Windows window and password-box logic over fixtures of what the Win32 calls answer (not run on Windows). */
class WindowsActiveWindowTest {
    @Test
    void theForegroundWindowsTitleAndItsProgramsFileNameNameTheWindow() {
        WindowInfo window = new WindowsActiveWindow(new Win32Fixture("browser-in-front")).current();
        assertEquals("Year 9 homework - Google Docs - Google Chrome", window.title());
        assertEquals("chrome.exe", window.app());
    }

    @Test
    void noForegroundWindowOrACallThatFailsIsUnknownNeverAnError() {
        assertEquals(WindowInfo.UNKNOWN, new WindowsActiveWindow(new Win32Fixture("secure-desktop")).current());
        assertEquals(WindowInfo.UNKNOWN, new WindowsActiveWindow(new Win32DesktopThatFails()).current());
        assertFalse(new WindowsPasswordFocus(new Win32DesktopThatFails()).passwordFocused());
    }

    @Test
    void anEditControlWithEsPasswordOrTheSecureDesktopIsAPasswordFocusAndNothingElseIs() {
        assertTrue(new WindowsPasswordFocus(new Win32Fixture("password-edit-focused")).passwordFocused());
        assertTrue(new WindowsPasswordFocus(new Win32Fixture("secure-desktop")).passwordFocused());
        assertFalse(new WindowsPasswordFocus(new Win32Fixture("plain-edit-focused")).passwordFocused());
        assertFalse(new WindowsPasswordFocus(new Win32Fixture("browser-in-front")).passwordFocused());
    }

    @Test
    void theProgramsFileNameIsTakenFromEitherKindOfPath() {
        assertEquals("notepad.exe", WindowsActiveWindow.fileName("C:\\Windows\\System32\\notepad.exe"));
        assertEquals("a.exe", WindowsActiveWindow.fileName("D:/tools/a.exe"));
        assertEquals("", WindowsActiveWindow.fileName(""));
    }

    /** A Win32 layer whose calls all fail, as a missing user32 entry point would. */
    private static final class Win32DesktopThatFails implements Win32Desktop {
        @Override
        public long foregroundWindow() {
            throw new UnsatisfiedLinkError("GetForegroundWindow");
        }

        @Override
        public String windowText(long window) {
            throw new UnsatisfiedLinkError("GetWindowTextW");
        }

        @Override
        public int processId(long window) {
            throw new UnsatisfiedLinkError("GetWindowThreadProcessId");
        }

        @Override
        public String processImage(int processId) {
            throw new UnsatisfiedLinkError("QueryFullProcessImageNameW");
        }

        @Override
        public long focusedControl() {
            throw new UnsatisfiedLinkError("GetGUIThreadInfo");
        }

        @Override
        public String windowClass(long window) {
            throw new UnsatisfiedLinkError("GetClassNameW");
        }

        @Override
        public int windowStyle(long window) {
            throw new UnsatisfiedLinkError("GetWindowLongW");
        }

        @Override
        public boolean inputDesktopIsDefault() {
            throw new UnsatisfiedLinkError("OpenInputDesktop");
        }
    }
}
