package org.vigil.console.web;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.edge.TokenBuckets;
import org.vigil.console.edge.WebConnectors;
import org.vigil.console.edge.WebPort;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.tls.WebKeys;

/** The console's web UI: Javalin on Jetty, wired from the route classes. */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private final Javalin app;

    private WebServer(Javalin app) {
        this.app = app;
    }

    /** Plain HTTP on the address and port (0 picks a free one), no one signed in: for tests of single routes. */
    public static WebServer start(String bindAddress, int port, List<RouteGroup> routeGroups) {
        return start(WebPort.plainHttp(bindAddress, port), FrontDoor.Checks.none(), Clock.systemUTC(), routeGroups);
    }

    /**
     * Starts listening as {@code listen} says (0 picks a free port): HTTPS with its keys, or plain HTTP. Ahead of
     * the routes, the {@link FrontDoor} refuses what {@code checks} say it should (requests without a live session
     * beyond their address's limit, sign-ins from a locked-out address), then {@link HandlerCapacity} bounds the
     * requests handled and waiting.
     */
    public static WebServer start(WebPort listen, FrontDoor.Checks checks, Clock clock,
                                  List<RouteGroup> routeGroups) {
        byte[] css = resource("/static/vigil.css");
        byte[] queueScript = resource("/static/queue.js");
        FrontDoor door = new FrontDoor(new TokenBuckets(listen.edge().anonymousLimit(), clock), checks);
        HandlerCapacity capacity = new HandlerCapacity(listen.edge().capacity());
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = listen.bindAddress();
            cfg.jetty.port = listen.port();
            cfg.jetty.addConnector((server, http) -> listen.keys()
                    .map(keys -> WebConnectors.https(server, http, listen.bindAddress(), listen.port(),
                            keys.keyStore(), WebKeys.PASSWORD, listen.edge().proxies()))
                    .orElseGet(() -> WebConnectors.plain(server, http, listen.bindAddress(), listen.port(),
                            listen.edge().proxies())));
            cfg.jetty.modifyServer(server -> {
                server.setErrorHandler(new SecureErrorHandler());
                // each inserted just below the server: the door first, then the capacity, then Javalin
                server.insertHandler(capacity);
                server.insertHandler(door);
            });
            cfg.routes.before(SecurityHeaders::apply);
            if (listen.https()) {
                cfg.routes.before(WebServer::toHttps);
            }
            cfg.routes.before(ServerTiming::start);
            cfg.routes.after(ServerTiming::finish);
            cfg.routes.get("/static/vigil.css", ctx -> {
                ctx.contentType("text/css; charset=utf-8");
                ctx.result(css);
            });
            cfg.routes.get("/static/queue.js", ctx -> {
                ctx.contentType("text/javascript; charset=utf-8");
                ctx.result(queueScript);
            });
            routeGroups.forEach(group -> group.register(cfg.routes));
            cfg.routes.exception(InvalidRequest.class, Refusals::handle);
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(HttpStatus.INTERNAL_SERVER_ERROR);
                ctx.contentType("text/plain; charset=utf-8");
                ctx.result("Something went wrong on the console; the error is in its log.");
            });
        });
        headRunsGet(app, Set.of(LiveQueue.PATH));
        app.start();
        return new WebServer(app);
    }

    /**
     * A plain HTTP request that reached the HTTPS port (someone typed http://) is sent to the same address over
     * HTTPS; nothing else runs for it.
     */
    private static void toHttps(Context ctx) {
        if (ctx.req().isSecure()) {
            return;
        }
        String host = Optional.ofNullable(ctx.header("Host")).filter(h -> h.matches("[A-Za-z0-9.:\\[\\]-]+"))
                .orElse(ctx.req().getLocalAddr() + ":" + ctx.req().getLocalPort());
        String query = ctx.queryString() == null ? "" : "?" + ctx.queryString();
        ctx.header("Location", "https://" + host + ctx.path() + query);
        ctx.status(HttpStatus.PERMANENT_REDIRECT).contentType("text/plain; charset=utf-8")
                .result("This console answers over HTTPS only.");
        ctx.skipRemainingHandlers();
    }

    /**
     * Javalin answers HEAD on a GET route with 200 without running the route, so a signed-out HEAD on a capture
     * "succeeded" (issue 13). Every GET route but the excluded ones also answers HEAD by running its own handler,
     * checks and all; Jetty sends no body for HEAD. The live stream is excluded: a HEAD must not hold a connection.
     */
    private static void headRunsGet(Javalin app, Set<String> excluded) {
        List<Endpoint> gets = app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(parsed -> parsed.endpoint)
                .filter(endpoint -> endpoint.method == HandlerType.GET && !excluded.contains(endpoint.path))
                .toList();
        for (Endpoint get : gets) {
            app.unsafe.internalRouter.addHttpEndpoint(new Endpoint(HandlerType.HEAD, get.path, get.handler));
        }
    }

    /** A set of routes for one feature. */
    @FunctionalInterface
    public interface RouteGroup {
        void register(RoutesConfig routes);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
