package org.vigil.agent.secure;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.COM.Unknown;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Ole32;
import com.sun.jna.platform.win32.OleAuto;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.Variant;
import com.sun.jna.platform.win32.WinDef.HWND;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinUser;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@link AccessibleFocus} through JNA: an out-of-context {@code SetWinEventHook(EVENT_OBJECT_FOCUS)} on a thread
 * of its own with a message loop (COM initialised, as MSAA needs), and for each event
 * {@code AccessibleObjectFromEvent} then {@code IAccessible::get_accState}. Asking the object is also what turns on
 * Chrome's and Firefox's accessibility trees, after which they report focus inside their pages. Never run on real
 * Windows yet (ADR 0118).
 */
public final class JnaAccessibleFocus implements AccessibleFocus {
    private static final int EVENT_OBJECT_FOCUS = 0x8005;
    private static final int WINEVENT_OUTOFCONTEXT = 0x0;
    private static final int WINEVENT_SKIPOWNPROCESS = 0x2;
    private static final int GA_ROOT = 2;
    private static final int WM_QUIT = 0x0012;
    /** IUnknown (3) and IDispatch (4) first, then get_accParent... get_accRole (13), get_accState (14). */
    private static final int GET_ACC_STATE = 14;

    interface Oleacc extends StdCallLibrary {
        int AccessibleObjectFromEvent(HWND hwnd, int objectId, int childId, PointerByReference accessible,
                                      Variant.VARIANT.ByReference child);
    }

    /** An {@code IAccessible}, called through its vtable. */
    private static final class Accessible extends Unknown {
        Accessible(Pointer pointer) {
            super(pointer);
        }

        int getState(Variant.VARIANT.ByValue child, Variant.VARIANT.ByReference state) {
            return _invokeNativeInt(GET_ACC_STATE, new Object[] {getPointer(), child, state});
        }
    }

    // native code holds the callback: a strong reference keeps it from the garbage collector
    private WinUser.WinEventProc callback;

    @Override
    public AutoCloseable watch(Consumer<FocusChange> changes) {
        Oleacc oleacc = Native.load("oleacc", Oleacc.class);
        CompletableFuture<Integer> started = new CompletableFuture<>();
        Thread thread = new Thread(() -> run(oleacc, changes, started), "vigil-focus-events");
        thread.setDaemon(true);
        thread.start();
        int threadId;
        try {
            threadId = started.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the focus events");
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot watch focus events: " + e.getMessage(), e);
        }
        return () -> User32.INSTANCE.PostThreadMessage(threadId, WM_QUIT, null, null);
    }

    private void run(Oleacc oleacc, Consumer<FocusChange> changes, CompletableFuture<Integer> started) {
        Ole32.INSTANCE.CoInitializeEx(null, Ole32.COINIT_APARTMENTTHREADED);
        try {
            callback = (hook, event, hwnd, objectId, childId, eventThread, time) ->
                    changes.accept(ask(oleacc, hwnd, objectId.intValue(), childId.intValue()));
            HANDLE hook = User32.INSTANCE.SetWinEventHook(EVENT_OBJECT_FOCUS, EVENT_OBJECT_FOCUS, null, callback, 0,
                    0, WINEVENT_OUTOFCONTEXT | WINEVENT_SKIPOWNPROCESS);
            if (hook == null) {
                started.completeExceptionally(new IllegalStateException("SetWinEventHook failed with Windows error "
                        + Native.getLastError()));
                return;
            }
            started.complete(Kernel32.INSTANCE.GetCurrentThreadId());
            WinUser.MSG message = new WinUser.MSG();
            while (User32.INSTANCE.GetMessage(message, null, 0, 0) > 0) {
                User32.INSTANCE.TranslateMessage(message);
                User32.INSTANCE.DispatchMessage(message);
            }
            User32.INSTANCE.UnhookWinEvent(hook);
        } finally {
            Ole32.INSTANCE.CoUninitialize();
        }
    }

    private static FocusChange ask(Oleacc oleacc, HWND hwnd, int objectId, int childId) {
        HWND root = hwnd == null ? null : User32.INSTANCE.GetAncestor(hwnd, GA_ROOT);
        long topLevel = root == null ? 0 : Pointer.nativeValue(root.getPointer());
        PointerByReference found = new PointerByReference();
        Variant.VARIANT.ByReference child = new Variant.VARIANT.ByReference();
        try {
            if (oleacc.AccessibleObjectFromEvent(hwnd, objectId, childId, found, child) != 0
                    || found.getValue() == null) {
                return new FocusChange(topLevel, OptionalLong.empty());
            }
            Accessible accessible = new Accessible(found.getValue());
            Variant.VARIANT.ByReference state = new Variant.VARIANT.ByReference();
            try {
                if (accessible.getState(new Variant.VARIANT.ByValue(child), state) != 0) {
                    return new FocusChange(topLevel, OptionalLong.empty());
                }
                return new FocusChange(topLevel, OptionalLong.of(state.longValue() & 0xffffffffL));
            } finally {
                OleAuto.INSTANCE.VariantClear(state);
                accessible.Release();
            }
        } catch (RuntimeException | LinkageError e) {
            return new FocusChange(topLevel, OptionalLong.empty());
        } finally {
            OleAuto.INSTANCE.VariantClear(child);
        }
    }
}
