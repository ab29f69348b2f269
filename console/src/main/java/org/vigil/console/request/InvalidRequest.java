package org.vigil.console.request;

/**
 * A request that cannot be done as asked; the message is fit to show to the person who asked. Services throw it
 * and change nothing; the web console shows it on the page that asked (one exception handler, see
 * {@code web.Refusals}) and the command line prints it ({@code cli.ConsoleCommand}).
 */
public class InvalidRequest extends RuntimeException {
    private final Reason reason;

    /** Why the request was refused, which decides the HTTP status and the exit code. */
    public enum Reason {
        /** The request itself is wrong: a missing field, an unknown id, a move the rules forbid (400, exit 2). */
        INVALID,
        /** Someone else changed the thing meanwhile; asking again after a reload may work (409, exit 1). */
        CONFLICT
    }

    public InvalidRequest(String message) {
        this(message, Reason.INVALID);
    }

    protected InvalidRequest(String message, Reason reason) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
