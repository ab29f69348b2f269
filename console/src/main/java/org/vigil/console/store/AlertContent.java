package org.vigil.console.store;

import java.util.Optional;

/** What an undelivered alert's message is made from: one capture's facts, or a message composed when queued. */
public sealed interface AlertContent {

    /**
     * An alert about one capture, composed when sent.
     *
     * @param headline what this alert adds to the capture's facts, e.g. "Not opened after 15 minutes" (none for a
     *                 new capture)
     */
    record AboutCapture(CaptureFacts facts, Optional<String> headline) implements AlertContent {
    }

    /** A digest or IT alert: its subject and plain-text body, composed when it was queued (no captured text). */
    record Composed(String subject, String body) implements AlertContent {
    }
}
