package org.vigil.console.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * The precompiled JTE templates (HTML content type: every {@code ${...}} is escaped), sent as UTF-8 and saying so:
 * a browser left to guess the charset may read a pupil's typed text differently.
 */
public final class Templates {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

    /** Renders a template that takes one parameter and sends it as the response. */
    public void render(Context ctx, String template, Object model) {
        StringOutput output = new StringOutput();
        engine.render(template, model, output);
        ctx.contentType("text/html; charset=utf-8").result(output.toString());
    }
}
