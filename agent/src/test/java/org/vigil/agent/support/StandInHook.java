package org.vigil.agent.support;

import com.github.kwhat.jnativehook.keyboard.NativeKeyEvent;
import org.vigil.agent.capture.KeyboardHook;
import org.vigil.agent.capture.KeyboardListener;

/**
 * Stands in for the global keyboard hook, which needs a real display: it calls the real {@link KeyboardListener}
 * the way JNativeHook's dispatch thread does, with the same key events.
 */
public final class StandInHook implements KeyboardHook {
    private final KeyboardListener listener;
    private volatile boolean listening;

    public StandInHook(KeyboardListener listener) {
        this.listener = listener;
    }

    @Override
    public void start() {
        listening = true;
    }

    @Override
    public boolean isListening() {
        return listening;
    }

    /** The hook stops hearing input, as when the X server drops its RECORD context. */
    public void dies() {
        listening = false;
    }

    @Override
    public void close() {
        listening = false;
    }

    public StandInHook type(String text) {
        for (char c : text.toCharArray()) {
            listener.nativeKeyTyped(new NativeKeyEvent(NativeKeyEvent.NATIVE_KEY_TYPED, 0, 0,
                    NativeKeyEvent.VC_UNDEFINED, c, NativeKeyEvent.KEY_LOCATION_UNKNOWN));
        }
        return this;
    }

    public StandInHook enter() {
        listener.nativeKeyPressed(new NativeKeyEvent(NativeKeyEvent.NATIVE_KEY_PRESSED, 0, 0,
                NativeKeyEvent.VC_ENTER, NativeKeyEvent.CHAR_UNDEFINED, NativeKeyEvent.KEY_LOCATION_STANDARD));
        return this;
    }
}
