package org.vigil.agent.window;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinUser;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** {@link Win32Desktop} through JNA's user32 and kernel32. Never run on real Windows. */
public final class JnaWin32Desktop implements Win32Desktop {
    private static final int PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
    private static final int GWL_STYLE = -16;
    private static final int UOI_NAME = 2;
    private static final int DESKTOP_READOBJECTS = 0x0001;
    private static final int MAX_TEXT = 1024;

    /** The user32 functions jna-platform's {@link User32} does not declare. */
    interface InputDesktops extends StdCallLibrary {
        HANDLE OpenInputDesktop(int flags, boolean inherit, int desiredAccess);

        boolean GetUserObjectInformation(HANDLE object, int index, char[] info, int length, IntByReference needed);

        boolean CloseDesktop(HANDLE desktop);
    }

    private final InputDesktops desktops = Native.load("user32", InputDesktops.class, W32APIOptions.DEFAULT_OPTIONS);

    @Override
    public long foregroundWindow() {
        return handle(User32.INSTANCE.GetForegroundWindow());
    }

    @Override
    public String windowText(long window) {
        char[] text = new char[MAX_TEXT];
        int length = User32.INSTANCE.GetWindowText(hwnd(window), text, text.length);
        return new String(text, 0, Math.max(0, length));
    }

    @Override
    public int processId(long window) {
        IntByReference pid = new IntByReference();
        User32.INSTANCE.GetWindowThreadProcessId(hwnd(window), pid);
        return pid.getValue();
    }

    @Override
    public String processImage(int processId) {
        HANDLE process = Kernel32.INSTANCE.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, false, processId);
        if (process == null) {
            return "";
        }
        try {
            char[] path = new char[MAX_TEXT];
            IntByReference size = new IntByReference(path.length);
            return Kernel32.INSTANCE.QueryFullProcessImageName(process, 0, path, size)
                    ? new String(path, 0, size.getValue()) : "";
        } finally {
            Kernel32.INSTANCE.CloseHandle(process);
        }
    }

    @Override
    public long focusedControl() {
        WinUser.GUITHREADINFO info = new WinUser.GUITHREADINFO();
        return User32.INSTANCE.GetGUIThreadInfo(0, info) ? handle(info.hwndFocus) : 0;
    }

    @Override
    public String windowClass(long window) {
        char[] name = new char[256];
        int length = User32.INSTANCE.GetClassName(hwnd(window), name, name.length);
        return new String(name, 0, Math.max(0, length));
    }

    @Override
    public int windowStyle(long window) {
        return User32.INSTANCE.GetWindowLong(hwnd(window), GWL_STYLE);
    }

    @Override
    public boolean inputDesktopIsDefault() {
        HANDLE desktop = desktops.OpenInputDesktop(0, false, DESKTOP_READOBJECTS);
        if (desktop == null) {
            return false; // the secure desktop (sign-in, UAC) is not open to the user's programs
        }
        try {
            char[] name = new char[256];
            IntByReference needed = new IntByReference();
            return desktops.GetUserObjectInformation(desktop, UOI_NAME, name, name.length * 2, needed)
                    && Native.toString(name).equalsIgnoreCase("Default");
        } finally {
            desktops.CloseDesktop(desktop);
        }
    }

    private static HWND hwnd(long window) {
        return new HWND(new Pointer(window));
    }

    private static long handle(HWND window) {
        return window == null ? 0 : Pointer.nativeValue(window.getPointer());
    }
}
