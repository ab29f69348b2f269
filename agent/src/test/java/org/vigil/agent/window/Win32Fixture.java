package org.vigil.agent.window;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * A {@link Win32Desktop} that answers from a fixture file under {@code src/test/resources/win32/}: what each call
 * returns in one situation (a browser in front, a UAC prompt...). The values follow Microsoft's documentation of
 * each call; they were written by hand, not recorded on a Windows device (see the agent README).
 */
final class Win32Fixture implements Win32Desktop {
    private final Properties answers = new Properties();

    Win32Fixture(String name) {
        try (InputStream in = Win32Fixture.class.getResourceAsStream("/win32/" + name + ".properties")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            answers.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String get(String key) {
        return answers.getProperty(key, "");
    }

    private static long hex(String value) {
        return value.isEmpty() ? 0 : Long.decode(value);
    }

    @Override
    public long foregroundWindow() {
        return hex(get("GetForegroundWindow"));
    }

    @Override
    public String windowText(long window) {
        return get("GetWindowText." + Long.toHexString(window));
    }

    @Override
    public int processId(long window) {
        String pid = get("GetWindowThreadProcessId." + Long.toHexString(window));
        return pid.isEmpty() ? 0 : Integer.parseInt(pid);
    }

    @Override
    public String processImage(int processId) {
        return get("QueryFullProcessImageName." + processId);
    }

    @Override
    public long focusedControl() {
        return hex(get("GetGUIThreadInfo.hwndFocus"));
    }

    @Override
    public String windowClass(long window) {
        return get("GetClassName." + Long.toHexString(window));
    }

    @Override
    public int windowStyle(long window) {
        String style = get("GetWindowLong.GWL_STYLE." + Long.toHexString(window));
        return style.isEmpty() ? 0 : Long.decode(style).intValue();
    }

    @Override
    public boolean inputDesktopIsDefault() {
        return get("OpenInputDesktop.name").equalsIgnoreCase("Default");
    }
}
