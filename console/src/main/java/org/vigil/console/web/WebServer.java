package org.vigil.console.web;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
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
        app.start();
        return new WebServer(app);
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
