package org.vigil.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.vigil.runtime.WorkerHealth;

/**
 * {@code /healthz} for load balancers and service managers: whether the console's background workers are alive,
 * as JSON, 200 when none is dead and 503 when one is. Unauthenticated, so it says no more than each worker's name,
 * state, failure count and last failure (exception class and message, one line, cut short); never SQL or
 * captured text.
 */
public final class HealthCheck {
    static final String PATH = "/healthz";
    static final int MAX_FAILURE_CHARS = 200;
    private static final List<String> QUIET_EXCEPTIONS = List.of("java.sql.", "org.sqlite.");

    private final Supplier<List<WorkerHealth>> workers;
    private final ObjectMapper json = new ObjectMapper();

    public HealthCheck(Supplier<List<WorkerHealth>> workers) {
        this.workers = workers;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, this::answer);
    }

    private void answer(Context ctx) throws JsonProcessingException {
        List<WorkerHealth> health = workers.get();
        boolean failing = health.stream().anyMatch(worker -> worker.state() == WorkerHealth.State.DEAD);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", failing ? "failing" : "ok");
        body.put("workers", health.stream().map(HealthCheck::worker).toList());
        ctx.status(failing ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json; charset=utf-8");
        ctx.result(json.writeValueAsString(body));
    }

    private static Map<String, Object> worker(WorkerHealth health) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", health.name());
        out.put("state", health.state().name());
        out.put("failures", health.failures());
        health.lastFailure().map(HealthCheck::safe).ifPresent(failure -> out.put("lastFailure", failure));
        return out;
    }

    /**
     * The failure's first line, at most {@link #MAX_FAILURE_CHARS}; only the class of a database driver's
     * exception, whose message may quote the statement.
     */
    static String safe(String failure) {
        String line = failure.lines().findFirst().orElse("").strip();
        if (QUIET_EXCEPTIONS.stream().anyMatch(line::startsWith)) {
            int colon = line.indexOf(':');
            line = colon < 0 ? line : line.substring(0, colon);
        }
        return line.length() <= MAX_FAILURE_CHARS ? line : line.substring(0, MAX_FAILURE_CHARS - 1) + "…";
    }
}
