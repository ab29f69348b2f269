package org.vigil.console.store;

/**
 * The database could not be reached or refused the console (a wrong URL, a refused password, a server that does
 * not answer): the message says so in one line, naming the database but never a password.
 */
public final class StoreUnreachable extends StoreException {
    public StoreUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}
