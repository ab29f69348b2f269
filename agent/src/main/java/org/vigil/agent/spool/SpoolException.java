package org.vigil.agent.spool;

/** The spool file cannot be read or written; the message names the file. */
public final class SpoolException extends RuntimeException {
    public SpoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
