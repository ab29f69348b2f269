package org.vigil.console;

import java.io.IOException;
import java.net.BindException;

/** A port another program holds, said in one line with the option that moves the console elsewhere. */
final class PortInUse {
    private PortInUse() {
    }

    /** The failure as one clear line when a port was taken, else the failure itself. */
    static IOException orAsIs(IOException failure, String what, String bindAddress, int port, String option) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException || String.valueOf(cause.getMessage()).contains("already in use")) {
                return new IOException(what + " " + bindAddress + ":" + port + " is in use by another program:"
                        + " stop that program, or choose another port with " + option, failure);
            }
        }
        return failure;
    }
}
