package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;
import org.vigil.console.auth.Session;
import org.vigil.console.terms.CategoryText;
import org.vigil.console.policy.Policies;
import org.vigil.console.terms.TermEntry;
import org.vigil.wordlists.WordlistFormatException;

/**
 * The term table's forms: add, edit (severity, match, exceptions), switch off, switch on and delete one entry of a
 * category. Each publishes a new version through {@link Policies} with every other line kept (see
 * {@link CategoryText}); a bad field or an entry the parser refuses changes nothing and says why. The change log's
 * reason says what was done to which term, then the person's own reason (field {@code why}, so that the first
 * {@code reason} field on the page stays the text editor's).
 */
final class WordlistTermRoutes {
    private final Policies policies;
    private final WebAuth auth;
    private final WordlistPage page;
    private final WordlistRoutes wordlists;

    WordlistTermRoutes(Policies policies, WebAuth auth, WordlistPage page, WordlistRoutes wordlists) {
        this.policies = policies;
        this.auth = auth;
        this.page = page;
        this.wordlists = wordlists;
    }

    void register(RoutesConfig routes) {
        routes.post("/wordlists/terms/add", auth.form(WordlistRoutes.ROLES, (ctx, session) -> change(ctx, session,
                "added", (category, text) -> CategoryText.add(category, text, entry(ctx)))));
        routes.post("/wordlists/terms/edit", auth.form(WordlistRoutes.ROLES, (ctx, session) -> change(ctx, session,
                "changed", (category, text) -> CategoryText.edit(category, text, line(ctx), entry(ctx)))));
        routes.post("/wordlists/terms/disable", auth.form(WordlistRoutes.ROLES, (ctx, session) -> change(ctx, session,
                "switched off", (category, text) -> CategoryText.disable(category, text, line(ctx), term(ctx)))));
        routes.post("/wordlists/terms/enable", auth.form(WordlistRoutes.ROLES, (ctx, session) -> change(ctx, session,
                "switched on", (category, text) -> CategoryText.enable(category, text, line(ctx), term(ctx)))));
        routes.post("/wordlists/terms/delete", auth.form(WordlistRoutes.ROLES, (ctx, session) -> change(ctx, session,
                "deleted", (category, text) -> CategoryText.delete(category, text, line(ctx), term(ctx)))));
    }

    private void change(Context ctx, Session session, String done, TextEdit edit) {
        String category = WordlistRoutes.text(ctx.formParam("category")).strip();
        WordlistView view = WordlistView.of(Optional.of(category));
        if (!page.hasCategory(category)) {
            ctx.status(400);
            page.render(ctx, session, WordlistView.plain().withError("No category \"" + category + "\" is in force."));
            return;
        }
        Refusals.showOn(ctx, refused -> page.render(ctx, session, view.withError(
                WordlistRoutes.notPublished(refused))));
        try {
            String base = wordlists.base(ctx);
            String edited = edit.apply(category, page.currentText(category));
            String what = "\"" + readable(term(ctx)) + "\" " + done;
            Policies.Outcome outcome = policies.editCategory(base, category, edited, session.username(),
                    Optional.of(what + Params.nonBlank(ctx.formParam("why")).map(why -> ": " + why).orElse("")));
            page.render(ctx, session, view.withNotice(what + ". " + WordlistRoutes.published(outcome)));
        } catch (WordlistFormatException e) {
            ctx.status(400);
            page.render(ctx, session, view.refused("Not published, nothing changed", e));
        } catch (IllegalArgumentException e) {
            ctx.status(400);
            page.render(ctx, session, view.withError("Not published, nothing changed: " + e.getMessage()));
        }
    }

    private static TermEntry entry(Context ctx) {
        return TermEntry.of(ctx.formParam("severity"), ctx.formParam("term"), ctx.formParam("match"),
                ctx.formParam("exceptions"));
    }

    private static int line(Context ctx) {
        return Params.positive(ctx.formParam("line")).filter(line -> line <= Integer.MAX_VALUE)
                .map(Long::intValue)
                .orElseThrow(() -> new IllegalArgumentException("no entry was chosen (the form names no line)"));
    }

    private static String term(Context ctx) {
        return WordlistRoutes.text(ctx.formParam("term")).strip();
    }

    /** The term as the file holds it (lower case, single spaces), words of a flexible phrase apart. */
    private static String readable(String term) {
        return term.replace('~', ' ').strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** One of the term operations on a category's text. */
    @FunctionalInterface
    private interface TextEdit {
        String apply(String category, String text);
    }
}
