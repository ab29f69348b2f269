package org.vigil.console;

/** A request that cannot be done as asked; the message is fit to show to the person who asked. */
public class InvalidRequest extends RuntimeException {
    public InvalidRequest(String message) {
        super(message);
    }
}
