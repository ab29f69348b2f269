package org.vigil.console.web;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;
import org.vigil.console.edge.WebCapacity;

/**
 * Jetty's {@link QoSHandler} with the console's {@link WebCapacity}: so many requests handled at once, so many more
 * waiting (without a thread) for a slot, and every other one answered 503 with {@code Retry-After} at once, as is one
 * that waited too long (issue 13: a flood meets fast refusals, not a queue that grows). {@code /healthz} and the live
 * queue's event stream are not counted.
 */
final class HandlerCapacity extends QoSHandler {
    static final String RETRY_AFTER_SECONDS = "2";

    HandlerCapacity(WebCapacity capacity) {
        setMaxRequestCount(capacity.active());
        setMaxSuspendedRequestCount(capacity.queued());
        setMaxSuspend(capacity.maxWait());
        setRejectStatusCode(503);
        excludePath(HealthCheck.PATH, LiveQueue.PATH);
    }

    @Override
    protected void reject(Request request, Response response, Callback callback, int status) {
        response.getHeaders().put("Retry-After", RETRY_AFTER_SECONDS);
        super.reject(request, response, callback, status);
    }

    @Override
    protected void expireSuspended(Request request, Response response, Callback callback) {
        response.getHeaders().put("Retry-After", RETRY_AFTER_SECONDS);
        super.expireSuspended(request, response, callback);
    }
}
