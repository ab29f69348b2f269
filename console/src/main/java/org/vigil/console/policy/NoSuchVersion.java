package org.vigil.console.policy;

/** A version id that names no stored policy. */
public class NoSuchVersion extends IllegalArgumentException {
    public NoSuchVersion(String version) {
        super("no policy version " + version);
    }
}
