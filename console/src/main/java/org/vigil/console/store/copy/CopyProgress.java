package org.vigil.console.store.copy;

/** Told after each batch of rows the copy writes (inside its transaction): for progress lines, and for tests. */
@FunctionalInterface
public interface CopyProgress {
    CopyProgress NONE = (table, rowsSoFar) -> { };

    void batchWritten(String table, long rowsSoFar);
}
