package org.vigil.console.web;

import io.javalin.http.Context;
import java.util.Map;

/**
 * Headers on every response: no inline script or style, no framing, no sniffing, no referrer; and nothing but the
 * static assets kept by the browser; over HTTPS, HSTS, so Back after signing out cannot show a capture again from its cache.
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

    /** A year: browsers that have seen the console over HTTPS never try it over plain HTTP again. */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    static void apply(Context ctx) {
        ALWAYS.forEach(ctx::header);
        if (ctx.req().isSecure()) {
            ctx.header("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
        }
        if (!ctx.path().startsWith("/static/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
