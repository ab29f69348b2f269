package org.vigil.console.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.function.Consumer;
import org.vigil.console.request.InvalidRequest;

/**
 * The one place a refused request ({@link InvalidRequest}, thrown by a service that changed nothing) becomes a
 * response: 400, or 409 for a conflict, shown on the page that asked. A handler says up front how its page shows
 * a refusal ({@link #showOn}); without that the refusal is a short plain-text answer.
 */
final class Refusals {
    private static final String PAGE = Refusals.class.getName() + ".page";

    private Refusals() {
    }

    /**
     * How this request's page shows a refusal, should what follows in the handler throw
     * {@link InvalidRequest}; the status is set before the page renders (a page that redirects replaces it).
     */
    static void showOn(Context ctx, Consumer<InvalidRequest> page) {
        ctx.attribute(PAGE, page);
    }

    /** The exception handler, registered once for {@link InvalidRequest} and its subclasses. */
    static void handle(InvalidRequest refused, Context ctx) {
        ctx.status(switch (refused.reason()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
        });
        Consumer<InvalidRequest> page = ctx.attribute(PAGE);
        if (page == null) {
            ctx.contentType("text/plain; charset=utf-8");
            ctx.result(refused.getMessage());
        } else {
            page.accept(refused);
        }
    }
}
