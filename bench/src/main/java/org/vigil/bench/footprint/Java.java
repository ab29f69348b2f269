package org.vigil.bench.footprint;

import java.nio.file.Path;

/** The java launcher of the JVM running the harness, so agents and console run on the same JDK. */
final class Java {
    private Java() {
    }

    static String binary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
