package org.vigil.agent.window;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Xlib window reading's logic on recorded property values (the real Xlib: ActiveWindowThroughXlibTest). */
class X11ActiveWindowTest {
    private static final long WINDOW = 0x1a00007L;

    @Test
    void theTitleIsTheUtf8NetWmNameAndTheAppTheWmClassClass() {
        Recorded x = new Recorded(WINDOW);
        x.text.put("_NET_WM_NAME", "Café – notes ✓".getBytes(StandardCharsets.UTF_8));
        x.text.put("WM_NAME", "Caf? - notes".getBytes(StandardCharsets.ISO_8859_1));
        x.text.put("WM_CLASS", "Navigator\0firefox\0".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(new WindowInfo("Café – notes ✓", "firefox"), new X11ActiveWindow(x, pid -> "unused").current());
    }

    @Test
    void withoutNetWmNameTheLatin1WmNameIsTheTitle() {
        Recorded x = new Recorded(WINDOW);
        x.text.put("WM_NAME", "Crème brûlée".getBytes(StandardCharsets.ISO_8859_1));
        x.text.put("WM_CLASS", "xterm\0XTerm\0".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(new WindowInfo("Crème brûlée", "XTerm"), new X11ActiveWindow(x, pid -> "unused").current());
    }

    @Test
    void aWindowWithNoClassIsNamedByTheProcessItsPidNames() {
        Recorded x = new Recorded(WINDOW);
        x.text.put("_NET_WM_NAME", "Chat".getBytes(StandardCharsets.UTF_8));
        x.cardinal.put("_NET_WM_PID", 4242L);
        assertEquals(new WindowInfo("Chat", "discord"),
                new X11ActiveWindow(x, pid -> pid == 4242L ? "discord" : "").current());
    }

    @Test
    void aClassWithOneStringIsThatString() {
        assertEquals("gedit", X11ActiveWindow.windowClass("gedit\0".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals("", X11ActiveWindow.windowClass(new byte[0]));
    }

    @Test
    void noActiveWindowOrAFailingXlibIsUnknown() {
        assertEquals(WindowInfo.UNKNOWN, new X11ActiveWindow(new Recorded(0), pid -> "").current());
        X11Desktop failing = new Recorded(WINDOW) {
            @Override
            public byte[] text(long window, String property) {
                throw new UnsatisfiedLinkError("libX11.so.6: cannot open shared object file");
            }
        };
        assertEquals(WindowInfo.UNKNOWN, new X11ActiveWindow(failing, pid -> "").current());
    }

    @Test
    void theProcessNameOfThisJvmIsReadFromProc() {
        // surefire runs the tests in a JVM started as `java`
        assertEquals("java", X11ActiveWindow.linuxProcessName(ProcessHandle.current().pid()));
        assertEquals("", X11ActiveWindow.linuxProcessName(Long.MAX_VALUE));
    }

    /** Answers recorded from an X server, per property name. */
    private static class Recorded implements X11Desktop {
        final long active;
        final Map<String, byte[]> text = new HashMap<>();
        final Map<String, Long> cardinal = new HashMap<>();

        Recorded(long active) {
            this.active = active;
        }

        @Override
        public long activeWindow() {
            return active;
        }

        @Override
        public byte[] text(long window, String property) {
            return window == active ? text.getOrDefault(property, new byte[0]) : new byte[0];
        }

        @Override
        public long cardinal(long window, String property) {
            return window == active ? cardinal.getOrDefault(property, 0L) : 0;
        }

        @Override
        public boolean trayPresent() {
            return false;
        }

        @Override
        public <T> java.util.Optional<T> screen(java.util.function.Function<ScreenRows, T> read) {
            return java.util.Optional.empty();
        }
    }
}
