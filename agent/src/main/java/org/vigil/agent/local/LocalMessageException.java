package org.vigil.agent.local;

/** A message on the local socket that is too large or cannot be read: the connection that sent it is dropped. */
public final class LocalMessageException extends Exception {
    public LocalMessageException(String message) {
        super(message);
    }
}
