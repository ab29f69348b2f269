package org.vigil.agent.secure;

/**
 * Whether what the pupil types now goes into a password field (or the system's secure input), so nothing of it may
 * be captured (ADR 0116, 0119). Asked for every typed character, so each answer must be cheap. Never throws: when it
 * cannot tell, it says no, and the excluded apps of the config are the remaining guard.
 */
public interface PasswordFocus extends AutoCloseable {
    /** Where nothing can tell (Linux without AT-SPI, headless): the excluded apps are the only guard. */
    PasswordFocus UNKNOWN = () -> false;

    boolean passwordFocused();

    /** Starts following focus, for those that listen to events rather than ask (AT-SPI). Never blocks long. */
    default void start() {
    }

    /** Stops following focus and lets go of what {@link #start} took. */
    @Override
    default void close() {
    }
}
