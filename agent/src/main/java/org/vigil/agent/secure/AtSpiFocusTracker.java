package org.vigil.agent.secure;

import java.util.Objects;

/**
 * Which accessible object has focus and whether it is a password field, from AT-SPI's events (ADR 0119): the D-Bus
 * side feeds it, the typing worker asks {@link #passwordFocused()} for every character, which only reads a field.
 *
 * <p>Between a focus event and the answer to the role asked of the new object the field counts as a password
 * (a few milliseconds): a character typed then is dropped rather than captured. A role that cannot be read counts
 * as not a password, as everywhere when nothing can tell.
 */
final class AtSpiFocusTracker {
    /** {@code ATSPI_ROLE_PASSWORD_TEXT} in at-spi2-core's {@code AtspiRole}. */
    static final int ROLE_PASSWORD_TEXT = 40;

    private enum Known { NOTHING, ROLE_PENDING, PASSWORD, OTHER }

    private FocusedObject focused;
    private Known known = Known.NOTHING;
    private volatile boolean password;

    boolean passwordFocused() {
        return password;
    }

    /** {@code object:state-changed:focused} with detail1 = 1: the object's role is asked next. */
    synchronized void focusGained(FocusedObject object) {
        focused = object;
        set(Known.ROLE_PENDING);
    }

    /** The role of an object that gained focus; ignored if focus has moved on since. */
    synchronized void roleRead(FocusedObject object, int role) {
        if (Objects.equals(focused, object) && known == Known.ROLE_PENDING) {
            set(role == ROLE_PASSWORD_TEXT ? Known.PASSWORD : Known.OTHER);
        }
    }

    /** The role could not be read (the application went, or does not answer). */
    synchronized void roleUnreadable(FocusedObject object) {
        if (Objects.equals(focused, object) && known == Known.ROLE_PENDING) {
            set(Known.OTHER);
        }
    }

    /**
     * {@code object:state-changed:focused} with detail1 = 0. Only the object that has focus can lose it: a late
     * "lost" from the previous field, after the next one gained focus, changes nothing.
     */
    synchronized void focusLost(FocusedObject object) {
        if (Objects.equals(focused, object)) {
            forget();
        }
    }

    /** An application left the bus (it quit or crashed): its focused field is gone with it. */
    synchronized void applicationGone(String busName) {
        if (focused != null && focused.busName().equals(busName)) {
            forget();
        }
    }

    /** The bus itself is gone: nothing is known. */
    synchronized void forget() {
        focused = null;
        set(Known.NOTHING);
    }

    private void set(Known now) {
        known = now;
        password = now == Known.PASSWORD || now == Known.ROLE_PENDING;
    }
}
