package org.vigil.agent.secure;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The focus logic alone, in the orders events really come in (and some they could). */
class AtSpiFocusTrackerTest {
    /** {@code ATSPI_ROLE_TEXT}, what a GTK 3 entry answers. */
    private static final int ROLE_TEXT = 61;
    private final AtSpiFocusTracker tracker = new AtSpiFocusTracker();
    private final FocusedObject entry = new FocusedObject(":1.5", "/org/a11y/atspi/accessible/7");
    private final FocusedObject password = new FocusedObject(":1.5", "/org/a11y/atspi/accessible/8");
    private final FocusedObject otherApp = new FocusedObject(":1.9", "/org/a11y/atspi/accessible/8");

    @Test
    void nothingIsAPasswordFieldUntilFocusIsSeen() {
        assertFalse(tracker.passwordFocused());
    }

    @Test
    void aPasswordTextIsAPasswordFieldAndAnEntryIsNot() {
        tracker.focusGained(password);
        tracker.roleRead(password, AtSpiFocusTracker.ROLE_PASSWORD_TEXT);
        assertTrue(tracker.passwordFocused());
        tracker.focusGained(entry);
        tracker.roleRead(entry, ROLE_TEXT);
        assertFalse(tracker.passwordFocused());
    }

    @Test
    void untilItsRoleIsKnownANewlyFocusedObjectCountsAsAPasswordField() {
        tracker.focusGained(entry);
        assertTrue(tracker.passwordFocused(), "what is typed in those milliseconds is dropped, not captured");
        tracker.roleUnreadable(entry);
        assertFalse(tracker.passwordFocused());
    }

    @Test
    void theFocusLostOfThePreviousFieldArrivingLateChangesNothing() {
        tracker.focusGained(entry);
        tracker.roleRead(entry, ROLE_TEXT);
        tracker.focusGained(password);
        tracker.roleRead(password, AtSpiFocusTracker.ROLE_PASSWORD_TEXT);
        tracker.focusLost(entry);
        assertTrue(tracker.passwordFocused());
        tracker.focusLost(password);
        assertFalse(tracker.passwordFocused());
    }

    @Test
    void aRoleAnsweredAfterFocusMovedOnIsIgnored() {
        tracker.focusGained(password);
        tracker.focusGained(entry);
        tracker.roleRead(entry, ROLE_TEXT);
        tracker.roleRead(password, AtSpiFocusTracker.ROLE_PASSWORD_TEXT);
        assertFalse(tracker.passwordFocused());
    }

    @Test
    void theFocusedApplicationLeavingTheBusClearsItAndAnotherLeavingDoesNot() {
        tracker.focusGained(password);
        tracker.roleRead(password, AtSpiFocusTracker.ROLE_PASSWORD_TEXT);
        tracker.applicationGone(otherApp.busName());
        assertTrue(tracker.passwordFocused());
        tracker.applicationGone(password.busName());
        assertFalse(tracker.passwordFocused());
    }

    @Test
    void forgettingClearsEverything() {
        tracker.focusGained(password);
        tracker.roleRead(password, AtSpiFocusTracker.ROLE_PASSWORD_TEXT);
        tracker.forget();
        assertFalse(tracker.passwordFocused());
        tracker.roleRead(password, AtSpiFocusTracker.ROLE_PASSWORD_TEXT);
        assertFalse(tracker.passwordFocused(), "a late answer about a forgotten object changes nothing");
    }
}
