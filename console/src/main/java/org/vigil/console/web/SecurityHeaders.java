package org.vigil.console.web;

import io.javalin.http.Context;
import java.util.Map;

/**
 * Headers on every response: no inline script or style, no framing, no sniffing, no referrer; and nothing but the
 * static assets kept by the browser, so Back after signing out cannot show a capture again from its cache.
 */
final class SecurityHeaders {
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    /** The headers every answer carries, Jetty's own error pages included. */
    static final Map<String, String> ALWAYS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY");

    static void apply(Context ctx) {
        ALWAYS.forEach(ctx::header);
        if (!ctx.path().startsWith("/static/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
