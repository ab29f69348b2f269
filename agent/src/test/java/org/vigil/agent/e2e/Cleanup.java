package org.vigil.agent.e2e;

/** Stops what a test class started, in the order given, skipping what never started. */
public final class Cleanup {
    private Cleanup() {
    }

    public static void closeAll(AutoCloseable... started) throws Exception {
        Exception first = null;
        for (AutoCloseable resource : started) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
