package org.vigil.agent.capture;

/** The global keyboard hook cannot run in this session; the message says why and what to do. */
public final class HookUnavailableException extends Exception {
    public HookUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public HookUnavailableException(String message) {
        super(message);
    }
}
