package org.vigil.agent.local;

import java.io.IOException;

/** A named-pipe call that failed, with its Win32 error code. */
public final class PipeException extends IOException {
    private final int error;

    public PipeException(String call, int error) {
        super(call + " failed with Windows error " + error);
        this.error = error;
    }

    public PipeException(String call, int error, String meaning) {
        super(call + " failed with Windows error " + error + ": " + meaning);
        this.error = error;
    }

    public int error() {
        return error;
    }
}
