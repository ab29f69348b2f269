package org.vigil.console.store;

/** Told about each newly stored capture, after it is committed (e.g. to update open triage queues live). */
@FunctionalInterface
public interface CaptureListener {
    void stored(long captureId);
}
