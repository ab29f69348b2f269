package org.vigil.agent.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.kwhat.jnativehook.NativeInputEvent;
import com.github.kwhat.jnativehook.keyboard.NativeKeyEvent;
import com.github.kwhat.jnativehook.mouse.NativeMouseEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;

class KeyboardListenerTest {
    private final BlockingQueue<TypingSignal> queue = new ArrayBlockingQueue<>(64);
    private final KeyboardListener listener = new KeyboardListener(queue);

    @Test
    void dropsShiftsCharZeroAndOtherControlChars() {
        press(NativeKeyEvent.VC_SHIFT, NativeInputEvent.SHIFT_L_MASK);
        typed((char) 0, NativeInputEvent.SHIFT_L_MASK);
        typed('H', NativeInputEvent.SHIFT_L_MASK);
        typed('\r', 0);
        typed('\t', 0);
        typed((char) 27, 0);
        typed((char) 127, 0);
        typed('i', 0);

        assertEquals(List.of(new TypingSignal.Char('H'), new TypingSignal.Char('i')), drain());
    }

    @Test
    void backspaceCountsOnceThoughItArrivesAsPressAndAsTypedChar() {
        typed('a', 0);
        press(NativeKeyEvent.VC_BACKSPACE, 0);
        typed('\b', 0);

        assertEquals(List.of(new TypingSignal.Char('a'), new TypingSignal.Backspace()), drain());
    }

    @Test
    void ignoresCharsTypedWithCtrlAltOrMetaAndEndsTheLineForTheShortcut() {
        press(NativeKeyEvent.VC_CONTROL, NativeInputEvent.CTRL_L_MASK);
        press(NativeKeyEvent.VC_V, NativeInputEvent.CTRL_L_MASK);
        typed('v', NativeInputEvent.CTRL_L_MASK);
        typed('x', NativeInputEvent.ALT_L_MASK);
        typed('y', NativeInputEvent.META_L_MASK);

        assertEquals(List.of(new TypingSignal.LineEnd(TypingSignal.Reason.SHORTCUT)), drain());
    }

    @Test
    void enterTabEscapeCaretKeysAndMousePressesEndTheLine() {
        press(NativeKeyEvent.VC_ENTER, 0);
        press(NativeKeyEvent.VC_TAB, 0);
        press(NativeKeyEvent.VC_ESCAPE, 0);
        for (int key : new int[] {NativeKeyEvent.VC_LEFT, NativeKeyEvent.VC_RIGHT, NativeKeyEvent.VC_UP,
                NativeKeyEvent.VC_DOWN, NativeKeyEvent.VC_HOME, NativeKeyEvent.VC_END, NativeKeyEvent.VC_PAGE_UP,
                NativeKeyEvent.VC_PAGE_DOWN}) {
            press(key, 0);
        }
        listener.nativeMousePressed(new NativeMouseEvent(NativeMouseEvent.NATIVE_MOUSE_PRESSED, 0, 10, 10, 1,
                NativeMouseEvent.BUTTON1));

        List<TypingSignal> expected = new ArrayList<>(List.of(
                new TypingSignal.LineEnd(TypingSignal.Reason.ENTER),
                new TypingSignal.LineEnd(TypingSignal.Reason.TAB),
                new TypingSignal.LineEnd(TypingSignal.Reason.ESCAPE)));
        for (int i = 0; i < 8; i++) {
            expected.add(new TypingSignal.LineEnd(TypingSignal.Reason.CARET_MOVED));
        }
        expected.add(new TypingSignal.LineEnd(TypingSignal.Reason.FOCUS));
        assertEquals(expected, drain());
    }

    @Test
    void dropsAndCountsSignalsWhenTheQueueIsFullWithoutBlocking() {
        BlockingQueue<TypingSignal> tiny = new ArrayBlockingQueue<>(2);
        KeyboardListener small = new KeyboardListener(tiny);
        for (char c : "abcde".toCharArray()) {
            small.nativeKeyTyped(new NativeKeyEvent(NativeKeyEvent.NATIVE_KEY_TYPED, 0, 0,
                    NativeKeyEvent.VC_UNDEFINED, c, NativeKeyEvent.KEY_LOCATION_UNKNOWN));
        }

        assertEquals(2, tiny.size());
        assertEquals(2, small.offered());
        assertEquals(3, small.dropped());
    }

    private void press(int keyCode, int modifiers) {
        listener.nativeKeyPressed(new NativeKeyEvent(NativeKeyEvent.NATIVE_KEY_PRESSED, modifiers, 0, keyCode,
                NativeKeyEvent.CHAR_UNDEFINED, NativeKeyEvent.KEY_LOCATION_STANDARD));
    }

    private void typed(char c, int modifiers) {
        listener.nativeKeyTyped(new NativeKeyEvent(NativeKeyEvent.NATIVE_KEY_TYPED, modifiers, 0,
                NativeKeyEvent.VC_UNDEFINED, c, NativeKeyEvent.KEY_LOCATION_UNKNOWN));
    }

    private List<TypingSignal> drain() {
        List<TypingSignal> out = new ArrayList<>();
        queue.drainTo(out);
        return out;
    }
}
