package org.vigil.agent.window;

/**
 * The few Win32 calls the agent makes about the focused window, as plain values, so the logic around them is
 * tested anywhere with recorded answers and only {@link JnaWin32Desktop} needs Windows. Window handles are
 * {@code long}; 0 is none.
 */
public interface Win32Desktop {
    /** {@code GetForegroundWindow()}. */
    long foregroundWindow();

    /** {@code GetWindowTextW}: the window's title. */
    String windowText(long window);

    /** {@code GetWindowThreadProcessId}: the process that owns the window; 0 if none. */
    int processId(long window);

    /** {@code QueryFullProcessImageNameW}: the program's full path, e.g. {@code C:\Program Files\...\chrome.exe}. */
    String processImage(int processId);

    /** {@code GetGUIThreadInfo(0, …).hwndFocus}: the control with keyboard focus (foreground thread); 0 if none. */
    long focusedControl();

    /** {@code GetClassNameW}, e.g. "Edit". */
    String windowClass(long window);

    /** {@code GetWindowLongW(window, GWL_STYLE)}. */
    int windowStyle(long window);

    /**
     * Whether the desktop receiving input is the user's ("Default"); false on the sign-in, Ctrl+Alt+Del and UAC
     * secure desktops ({@code OpenInputDesktop} fails or names "Winlogon").
     */
    boolean inputDesktopIsDefault();
}
