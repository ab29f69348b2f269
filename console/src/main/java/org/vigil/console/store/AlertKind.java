package org.vigil.console.store;

/** What an alert is about: the {@code kind} of its outbox row (V12). */
public enum AlertKind {
    /** A new capture, at once. */
    CAPTURE(true),
    /** A capture not opened by any DSL in time: the next on the rota, again until someone opens it. */
    ESCALATION(true),
    /** A capture just assigned to the recipient. */
    ASSIGNMENT(true),
    /** The morning summary of lower-severity captures: a message of its own, composed when queued. */
    DIGEST(false),
    /** Devices that need IT (silent, dropping, behind on policy): a message of its own, composed when queued. */
    IT(false);

    private final boolean aboutOneCapture;

    AlertKind(boolean aboutOneCapture) {
        this.aboutOneCapture = aboutOneCapture;
    }

    /** Whether the row names one capture, whose facts make the message when it is sent. */
    public boolean aboutOneCapture() {
        return aboutOneCapture;
    }
}
