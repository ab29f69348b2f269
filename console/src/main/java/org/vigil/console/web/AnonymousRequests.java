package org.vigil.console.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.vigil.console.edge.TokenBuckets;

/**
 * Every request without a session takes a token from its address's bucket; an address out of tokens gets 429 with
 * {@code Retry-After} and nothing else runs. Signed-in staff are not limited here (their sessions are), and
 * {@code /healthz} is not, so a monitor and a load balancer can always ask. The address is the client's as a trusted
 * proxy says, else the connection's.
 */
final class AnonymousRequests {
    private final TokenBuckets limit;
    private final Predicate<Context> signedIn;

    AnonymousRequests(TokenBuckets limit, Predicate<Context> signedIn) {
        this.limit = limit;
        this.signedIn = signedIn;
    }

    void check(Context ctx) {
        if (ctx.path().equals(HealthCheck.PATH) || signedIn.test(ctx)) {
            return;
        }
        Optional<Duration> wait = limit.take(ctx.ip());
        if (wait.isPresent()) {
            long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
            ctx.header("Retry-After", Long.toString(seconds));
            ctx.status(HttpStatus.TOO_MANY_REQUESTS).contentType("text/plain; charset=utf-8")
                    .result("Too many requests from your address; try again in " + seconds + " s.");
            ctx.skipRemainingHandlers();
        }
    }
}
