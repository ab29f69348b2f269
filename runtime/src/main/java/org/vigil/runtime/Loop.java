package org.vigil.runtime;

/** The body of a long-running worker thread: runs until interrupted. */
@FunctionalInterface
public interface Loop {
    void run() throws InterruptedException;
}
