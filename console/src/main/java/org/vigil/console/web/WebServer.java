package org.vigil.console.web;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.request.InvalidRequest;

/** The console's web UI: Javalin on Jetty, wired from the route classes. */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private final Javalin app;

    private WebServer(Javalin app) {
        this.app = app;
    }

    /** Starts listening on the address and port (0 picks a free one). */
    public static WebServer start(String bindAddress, int port, List<RouteGroup> routeGroups) {
        byte[] css = resource("/static/vigil.css");
        byte[] queueScript = resource("/static/queue.js");
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.jetty.host = bindAddress;
            cfg.jetty.port = port;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new SecureErrorHandler()));
            cfg.routes.before(SecurityHeaders::apply);
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
