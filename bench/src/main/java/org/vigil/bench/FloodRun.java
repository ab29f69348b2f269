package org.vigil.bench;

import java.util.OptionalInt;

/** A stream flood under way, in this JVM or in a process of its own. */
interface FloodRun extends AutoCloseable {
    /** Every stream has been started and all but the device's one live stream have ended. */
    boolean settled();

    /** What became of the streams so far, in one line. */
    String summary();

    /** The flooding client's threads now, when it runs in another process (in this JVM they count with ours). */
    OptionalInt clientThreads();

    /** Half-closes the flood's streams and lets the client go. */
    @Override
    void close() throws Exception;
}
