package org.vigil.console.web;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request it cannot parse: 400, a URI or headers too long: 414, 431) never reach
 * Javalin's handlers, so without this they went out without the console's security headers (issue 13).
 */
final class SecureErrorHandler extends ErrorHandler {
    SecureErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setCacheControl("no-store");
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        SecurityHeaders.ALWAYS.forEach(fields::put);
        return super.badMessageError(status, reason, fields);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        SecurityHeaders.ALWAYS.forEach(response.getHeaders()::put);
        if (request.isSecure()) {
            response.getHeaders().put("Strict-Transport-Security", SecurityHeaders.STRICT_TRANSPORT_SECURITY);
        }
        return super.handle(request, response, callback);
    }
}
