package org.vigil.agent.delivery;

import java.security.cert.CertificateException;

/** The console's certificate does not match the pinned CA; the message says exactly what is wrong. */
public final class PinnedCaException extends CertificateException {
    public PinnedCaException(String message) {
        super(message);
    }

    public PinnedCaException(String message, Throwable cause) {
        super(message, cause);
    }
}
