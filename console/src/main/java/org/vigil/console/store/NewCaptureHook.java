package org.vigil.console.store;

/**
 * Runs inside the transaction that stores a capture for the first time (never for a resend that changes nothing):
 * what it writes is committed with the capture, and if it throws, the capture is not stored either.
 */
@FunctionalInterface
public interface NewCaptureHook {
    /** Nothing to add to a new capture's transaction. */
    NewCaptureHook NONE = (captureId, capture) -> { };

    void inserted(long captureId, NewCapture capture);
}
