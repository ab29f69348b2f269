package org.vigil.console.policy;

import org.vigil.console.request.InvalidRequest;

/** A version id that names no stored policy. */
public class NoSuchVersion extends InvalidRequest {
    public NoSuchVersion(String version) {
        super("no policy version " + version);
    }
}
