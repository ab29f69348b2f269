package org.vigil.agent.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.agent.secure.WindowsFocusTracker;
import org.vigil.agent.secure.WindowsPasswordFocus;
import org.vigil.agent.support.Typing;

/**
 * Password inputs in browser pages on Windows, told apart by the accessibility focus events (ADR 0118), over
 * fixtures of what the calls answer for Chrome, Edge and Firefox (not run on Windows).
 */
class WindowsBrowserPasswordFocusTest {
    private final FocusEventFixtures events = new FocusEventFixtures();
    private final WindowsFocusTracker tracker = new WindowsFocusTracker();

    WindowsBrowserPasswordFocusTest() {
        events.watch(tracker);
    }

    private WindowsPasswordFocus inFront(String window) {
        return new WindowsPasswordFocus(new Win32Fixture(window), tracker);
    }

    @Test
    void aPasswordInputFocusedInChromeEdgeOrFirefoxIsAPasswordFocus() throws Exception {
        events.focus("focus-chrome-password");
        assertTrue(inFront("browser-in-front").passwordFocused(), "Chrome");
        events.focus("focus-edge-password");
        assertTrue(inFront("edge-in-front").passwordFocused(), "Edge");
        events.focus("focus-firefox-password");
        assertTrue(inFront("firefox-in-front").passwordFocused(), "Firefox");
    }

    @Test
    void anotherInputInThePageIsNotAndFocusLeavingThePasswordEndsIt() throws Exception {
        events.focus("focus-chrome-text");
        assertFalse(inFront("browser-in-front").passwordFocused());

        events.focus("focus-chrome-password");
        assertTrue(inFront("browser-in-front").passwordFocused());
        events.focus("focus-chrome-text");
        assertFalse(inFront("browser-in-front").passwordFocused(), "tabbed on to the next input");
    }

    @Test
    void aPasswordVerdictHoldsOnlyWhileItsWindowIsInFront() throws Exception {
        events.focus("focus-chrome-password");
        // Alt+Tab to a program that fires no focus event of its own
        assertFalse(inFront("firefox-in-front").passwordFocused());
        assertFalse(inFront("plain-edit-focused").passwordFocused());
        assertTrue(inFront("browser-in-front").passwordFocused(), "back to the browser, still in the field");
    }

    @Test
    void anObjectThatCannotBeAskedIsNoPasswordAndEndsTheVerdictBeforeIt() throws Exception {
        events.focus("focus-chrome-password");
        events.focus("focus-elevated-program");
        assertFalse(inFront("browser-in-front").passwordFocused());
    }

    @Test
    void theEditAndSecureDesktopChecksStillHoldWithTheFocusEvents() throws Exception {
        events.focus("focus-chrome-text");
        assertTrue(inFront("password-edit-focused").passwordFocused());
        assertTrue(inFront("secure-desktop").passwordFocused());
    }

    @Test
    void nothingTypedIntoABrowserPasswordInputIsMatchedAndTheElementIsAskedOncePerFocusChange() throws Exception {
        Typing typing = new Typing(inFront("browser-in-front"));
        events.focus("focus-chrome-text");
        typing.type("i feel fine").enter();
        events.focus("focus-chrome-password");
        typing.type("i want to kill myself").enter();
        events.focus("focus-chrome-text");
        typing.type("kill myself").enter();

        assertEquals(List.of("kill myself"), typing.events.stream().map(e -> e.getContext()).toList(),
                "only the line typed outside the password input");
        assertEquals("i want to kill myself".length(), typing.consumer.passwordChars());
        assertEquals(3, events.asked.get(), "three focus changes, three questions, whatever was typed");
    }
}
