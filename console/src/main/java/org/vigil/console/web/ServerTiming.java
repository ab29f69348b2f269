package org.vigil.console.web;

import io.javalin.http.Context;
import java.util.Locale;

/**
 * A {@code Server-Timing} header on each response: how long the console took to make it (query and render), as
 * browsers' developer tools and the queue benchmark read it.
 */
final class ServerTiming {
    private static final String STARTED = "vigil.started";

    private ServerTiming() {
    }

    static void start(Context ctx) {
        ctx.attribute(STARTED, System.nanoTime());
    }

    static void finish(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started != null && !ctx.res().isCommitted()) {
            double millis = (System.nanoTime() - started) / 1_000_000.0;
            ctx.header("Server-Timing", String.format(Locale.ROOT, "app;dur=%.1f", millis));
        }
    }
}
