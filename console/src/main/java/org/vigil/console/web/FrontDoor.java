package org.vigil.console.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.vigil.console.edge.TokenBuckets;

/**
 * The first thing every web request meets, a Jetty handler ahead of Javalin (issue 13): a visitor the console will
 * refuse anyway is refused here, before a servlet request, a session lookup, a form body or a template, so a flood
 * costs the console a few microseconds a request. An address locked out of signing in is refused its sign-in posts;
 * a request without a live session takes a token from its address's bucket, and one out of tokens is refused. Both
 * answers are 429 with {@code Retry-After} and the console's security headers. Signed-in staff are not limited here
 * (their sessions are), and {@code /healthz} is never refused, so a monitor and a load balancer can always ask. The
 * address is the client's as a trusted proxy says, else the connection's.
 *
 * <p>A refusal is held back for {@link #HOLD} before it is written (ADR 0137), on Jetty's scheduler and not on a
 * thread: a client that ignores {@code Retry-After} and asks again at once gets one answer a second per connection
 * instead of thousands, so a flood stops costing the console (and the cores it shares) most of its work. At most
 * {@link #MAX_HELD} refusals wait at once; beyond that they are written at once, so memory stays bounded.
 */
public final class FrontDoor extends Handler.Wrapper {
    /** Long enough to cut a flood's rate by orders of magnitude; short against the {@code Retry-After} it sends. */
    static final Duration HOLD = Duration.ofSeconds(1);
    /** A few kilobytes each (the response and its connection's buffers), so the held ones stay under a few MB. */
    static final int MAX_HELD = 1_000;

    private final TokenBuckets anonymous;
    private final Checks checks;
    private final AtomicInteger held = new AtomicInteger();

    /**
     * What the door asks of the rest of the console, both answered from memory or one indexed read.
     *
     * @param liveSession   whether a session cookie's value is a live session
     * @param signInLockout how long an address remains locked out of signing in, if it is
     */
    public record Checks(Predicate<String> liveSession, Function<String, Optional<Duration>> signInLockout) {
        /** No one signed in, no address locked out: for tests of single routes. */
        public static Checks none() {
            return new Checks(token -> false, address -> Optional.empty());
        }
    }

    FrontDoor(TokenBuckets anonymous, Checks checks) {
        this.anonymous = anonymous;
        this.checks = checks;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (path.equals(HealthCheck.PATH)) {
            return super.handle(request, response, callback);
        }
        String address = clientAddress(request);
        if (path.equals(LoginRoutes.PATH) && "POST".equals(request.getMethod())) {
            Optional<Duration> locked = checks.signInLockout().apply(address);
            if (locked.isPresent()) {
                long seconds = seconds(locked.get());
                return refuse(request, response, callback, seconds, "Too many failed sign-ins from your address;"
                        + " try again in " + seconds + " s.");
            }
        }
        if (!signedIn(request)) {
            Optional<Duration> wait = anonymous.take(address);
            if (wait.isPresent()) {
                long seconds = seconds(wait.get());
                return refuse(request, response, callback, seconds, "Too many requests from your address; try again"
                        + " in " + seconds + " s.");
            }
        }
        return super.handle(request, response, callback);
    }

    private boolean signedIn(Request request) {
        for (HttpCookie cookie : Request.getCookies(request)) {
            if (cookie.getName().equals(WebAuth.COOKIE) && checks.liveSession().test(cookie.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** The address as the servlet API gives it to the routes ({@code ctx.ip()}), so both key on the same text. */
    static String clientAddress(Request request) {
        String address = Request.getRemoteAddr(request);
        return address != null && address.startsWith("[") && address.endsWith("]")
                ? address.substring(1, address.length() - 1) : address;
    }

    private boolean refuse(Request request, Response response, Callback callback, long retryAfterSeconds,
                           String message) {
        response.setStatus(429);
        HttpFields.Mutable headers = response.getHeaders();
        SecurityHeaders.ALWAYS.forEach(headers::put);
        if (request.isSecure()) {
            headers.put("Strict-Transport-Security", SecurityHeaders.STRICT_TRANSPORT_SECURITY);
        }
        headers.put("Cache-Control", "no-store");
        headers.put("Retry-After", Long.toString(retryAfterSeconds));
        headers.put("Content-Type", "text/plain; charset=utf-8");
        ByteBuffer body = ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8));
        if (held.incrementAndGet() > MAX_HELD) {
            held.decrementAndGet();
            response.write(true, body, callback);
            return true;
        }
        request.getComponents().getScheduler().schedule(() -> {
            held.decrementAndGet();
            response.write(true, body, callback);
        }, HOLD.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
