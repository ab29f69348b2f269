package org.vigil.agent.window;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.mac.CoreFoundation;
import com.sun.jna.platform.mac.CoreFoundation.CFArrayRef;
import com.sun.jna.platform.mac.CoreFoundation.CFDictionaryRef;
import com.sun.jna.platform.mac.CoreFoundation.CFNumberRef;
import com.sun.jna.platform.mac.CoreFoundation.CFStringRef;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MacDesktop} through JNA: CoreGraphics' {@code CGWindowListCopyWindowInfo} and Carbon's
 * {@code IsSecureEventInputEnabled}. Loads the frameworks on first use. Never run on a real Mac.
 */
public final class JnaMacDesktop implements MacDesktop {
    private static final int ON_SCREEN_ONLY = 1;
    private static final int EXCLUDE_DESKTOP_ELEMENTS = 16;

    /** The CoreGraphics function the agent calls. */
    interface CoreGraphics extends Library {
        CFArrayRef CGWindowListCopyWindowInfo(int option, int relativeToWindow);
    }

    /** The Carbon function the agent calls. */
    interface Carbon extends Library {
        boolean IsSecureEventInputEnabled();
    }

    private final CoreGraphics graphics = Native.load("CoreGraphics", CoreGraphics.class);
    private final Carbon carbon = Native.load("Carbon", Carbon.class);
    private final CFStringRef layerKey = CFStringRef.createCFString("kCGWindowLayer");
    private final CFStringRef ownerKey = CFStringRef.createCFString("kCGWindowOwnerName");
    private final CFStringRef nameKey = CFStringRef.createCFString("kCGWindowName");

    @Override
    public List<MacWindow> onScreenWindows() {
        CFArrayRef windows = graphics.CGWindowListCopyWindowInfo(ON_SCREEN_ONLY | EXCLUDE_DESKTOP_ELEMENTS, 0);
        if (windows == null) {
            return List.of();
        }
        try {
            List<MacWindow> out = new ArrayList<>();
            for (int i = 0; i < windows.getCount(); i++) {
                CFDictionaryRef window = new CFDictionaryRef(windows.getValueAtIndex(i));
                Pointer layer = window.getValue(layerKey);
                out.add(new MacWindow(layer == null ? -1 : new CFNumberRef(layer).intValue(),
                        string(window.getValue(ownerKey)), string(window.getValue(nameKey))));
            }
            return out;
        } finally {
            CoreFoundation.INSTANCE.CFRelease(windows);
        }
    }

    @Override
    public boolean secureEventInput() {
        return carbon.IsSecureEventInputEnabled();
    }

    private static String string(Pointer value) {
        if (value == null) {
            return "";
        }
        String text = new CFStringRef(value).stringValue();
        return text == null ? "" : text;
    }
}
