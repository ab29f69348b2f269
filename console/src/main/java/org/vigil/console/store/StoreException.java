package org.vigil.console.store;

/** The store could not do what was asked (a database or file-system failure). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
