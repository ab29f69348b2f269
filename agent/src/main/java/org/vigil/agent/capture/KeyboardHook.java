package org.vigil.agent.capture;

/**
 * The global hook that hears the pupil's keys and mouse presses and hands them to a {@link KeyboardListener}.
 * {@link NativeHook} is the real one.
 */
public interface KeyboardHook extends AutoCloseable {
    void start() throws HookUnavailableException;

    /** Whether the hook is registered and hearing input now. */
    boolean isListening();

    @Override
    void close();
}
