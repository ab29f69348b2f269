package org.vigil.agent.capture;

import com.github.kwhat.jnativehook.NativeInputEvent;
import com.github.kwhat.jnativehook.keyboard.NativeKeyEvent;
import com.github.kwhat.jnativehook.keyboard.NativeKeyListener;
import com.github.kwhat.jnativehook.mouse.NativeMouseEvent;
import com.github.kwhat.jnativehook.mouse.NativeMouseListener;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns JNativeHook's key and mouse events into {@link TypingSignal}s and offers them to a bounded queue.
 * Runs on JNativeHook's dispatch thread, so it never blocks: when the queue is full the signal is dropped
 * and counted (a slow consumer must not lag the pupil's typing).
 *
 * <p>JNativeHook's quirks, handled here in one place:
 * <ul>
 *   <li>every Shift press also yields a key-typed event with char 0: dropped, as is every other control char;</li>
 *   <li>Backspace arrives as key-pressed {@code VC_BACKSPACE} and as key-typed {@code '\b'}: only the press counts;</li>
 *   <li>Enter and Tab likewise arrive as presses and as typed control chars: only the press counts.</li>
 * </ul>
 */
public final class KeyboardListener implements NativeKeyListener, NativeMouseListener {
    private static final int SHORTCUT_MASK =
            NativeInputEvent.CTRL_MASK | NativeInputEvent.ALT_MASK | NativeInputEvent.META_MASK;

    private final BlockingQueue<TypingSignal> queue;
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public KeyboardListener(BlockingQueue<TypingSignal> queue) {
        this.queue = queue;
    }

    @Override
    public void nativeKeyPressed(NativeKeyEvent event) {
        int key = event.getKeyCode();
        if (isModifier(key)) {
            return;
        }
        boolean shortcut = (event.getModifiers() & SHORTCUT_MASK) != 0;
        TypingSignal signal = switch (key) {
            // Ctrl+Backspace erases a word, Alt+Backspace may undo: either way the text is unknown now
            case NativeKeyEvent.VC_BACKSPACE -> shortcut
                    ? new TypingSignal.LineEnd(TypingSignal.Reason.SHORTCUT)
                    : new TypingSignal.Backspace();
            case NativeKeyEvent.VC_ENTER -> new TypingSignal.LineEnd(TypingSignal.Reason.ENTER);
            case NativeKeyEvent.VC_TAB -> new TypingSignal.LineEnd(TypingSignal.Reason.TAB);
            case NativeKeyEvent.VC_ESCAPE -> new TypingSignal.LineEnd(TypingSignal.Reason.ESCAPE);
            case NativeKeyEvent.VC_UP, NativeKeyEvent.VC_DOWN, NativeKeyEvent.VC_LEFT, NativeKeyEvent.VC_RIGHT,
                 NativeKeyEvent.VC_HOME, NativeKeyEvent.VC_END, NativeKeyEvent.VC_PAGE_UP,
                 NativeKeyEvent.VC_PAGE_DOWN -> new TypingSignal.LineEnd(TypingSignal.Reason.CARET_MOVED);
            // any other key with Ctrl/Alt/Meta held is a shortcut (paste, undo, select-all, Alt+Tab...)
            default -> shortcut ? new TypingSignal.LineEnd(TypingSignal.Reason.SHORTCUT) : null;
        };
        // Delete is ignored on purpose: the buffer assumes the caret is at the end of the text it rebuilt
        // (any caret move ends the line), where forward-delete changes nothing.
        if (signal != null) {
            offer(signal);
        }
    }

    @Override
    public void nativeKeyTyped(NativeKeyEvent event) {
        char c = event.getKeyChar();
        if (c == NativeKeyEvent.CHAR_UNDEFINED || Character.isISOControl(c) || !isPrintable(c)) {
            return; // Shift's char 0, '\b' (handled on press), '\r', '\t', ESC, DEL...
        }
        if ((event.getModifiers() & SHORTCUT_MASK) != 0) {
            return; // Ctrl+C and friends are not text
        }
        offer(new TypingSignal.Char(c));
    }

    @Override
    public void nativeMousePressed(NativeMouseEvent event) {
        offer(new TypingSignal.LineEnd(TypingSignal.Reason.FOCUS));
    }

    /** Signals accepted by the queue so far. */
    public long offered() {
        return offered.get();
    }

    /** Signals dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    private void offer(TypingSignal signal) {
        if (queue.offer(signal)) {
            offered.incrementAndGet();
        } else {
            dropped.incrementAndGet();
        }
    }

    private static boolean isModifier(int key) {
        return key == NativeKeyEvent.VC_SHIFT || key == NativeKeyEvent.VC_CONTROL || key == NativeKeyEvent.VC_ALT
                || key == NativeKeyEvent.VC_META || key == NativeKeyEvent.VC_CAPS_LOCK
                || key == NativeKeyEvent.VC_NUM_LOCK || key == NativeKeyEvent.VC_SCROLL_LOCK;
    }

    private static boolean isPrintable(char c) {
        int type = Character.getType(c);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
                && type != Character.PRIVATE_USE && type != Character.SURROGATE;
    }
}
