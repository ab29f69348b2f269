package org.vigil.console.web;

import org.vigil.console.request.InvalidRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.policy.Policies;
import org.vigil.console.policy.PolicyConflict;
import org.vigil.wordlists.Hit;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.WordlistFormatException;

/**
 * /wordlists for IT and the DSL: the policy in force, its change log with restore, a category editor validated
 * by the real parser, a term-level diff between versions, and a "test this text" box using the real matcher; the
 * term table ({@link WordlistTermRoutes}) and import/export ({@link WordlistTransferRoutes}) live beside it.
 * Every change is audit-logged by {@link Policies}; every form carries the CSRF token.
 */
public final class WordlistRoutes {
    static final Set<Role> ROLES = EnumSet.of(Role.IT_ADMIN, Role.DSL);
    private static final int MAX_TEST_CHARS = 2000;

    private final Policies policies;
    private final WebAuth auth;
    private final WordlistPage page;
    private final WordlistTermRoutes terms;
    private final WordlistTransferRoutes transfers;

    public WordlistRoutes(Policies policies, WebAuth auth, Templates templates) {
        this.policies = policies;
        this.auth = auth;
        this.page = new WordlistPage(policies, templates);
        this.terms = new WordlistTermRoutes(policies, auth, page, this);
        this.transfers = new WordlistTransferRoutes(policies, auth, page, templates, this);
    }

    public void register(RoutesConfig routes) {
        routes.get("/wordlists", auth.page(ROLES, this::show));
        routes.post("/wordlists/edit", auth.form(ROLES, this::edit));
        routes.post("/wordlists/restore", auth.form(ROLES, this::restore));
        routes.post("/wordlists/test", auth.form(ROLES, this::test));
        terms.register(routes);
        transfers.register(routes);
    }

    private void show(Context ctx, Session session) {
        WordlistView view = WordlistView.of(Params.nonBlank(ctx.queryParam("category")));
        Optional<String> from = Params.nonBlank(ctx.queryParam("from"));
        Optional<String> to = Params.nonBlank(ctx.queryParam("to"));
        if (from.isPresent() && to.isPresent()) {
            WordlistView asked = view;
            Refusals.showOn(ctx, refused -> page.render(ctx, session, asked.withError(refused.getMessage())));
            view = view.withDiff(policies.diff(from.get(), to.get()));
        }
        page.render(ctx, session, view);
    }

    private void edit(Context ctx, Session session) {
        String category = text(ctx.formParam("category"));
        String text = text(ctx.formParam("text"));
        WordlistView view = WordlistView.of(Optional.of(category));
        Refusals.showOn(ctx, refused -> page.render(ctx, session, view.withEditText(text)
                .withError(notPublished(refused))));
        try {
            Policies.Outcome outcome = policies.editCategory(base(ctx), category, text, session.username(),
                    Params.nonBlank(ctx.formParam("reason")));
            page.render(ctx, session, view.withNotice(published(outcome)));
        } catch (WordlistFormatException e) {
            ctx.status(400);
            page.render(ctx, session, view.withEditText(text).refused("Not published, nothing changed", e));
        }
    }

    private void restore(Context ctx, Session session) {
        Refusals.showOn(ctx, refused -> page.render(ctx, session, WordlistView.plain().withError(
                refused instanceof PolicyConflict ? notPublished(refused) : refused.getMessage())));
        Policies.Outcome outcome = policies.restore(base(ctx), text(ctx.formParam("version")),
                session.username(), Params.nonBlank(ctx.formParam("reason")));
        page.render(ctx, session, WordlistView.plain().withNotice(outcome.changed()
                ? "Restored: version " + outcome.current().version() + " is in force again."
                : "No change: that version is already in force."));
    }

    private void test(Context ctx, Session session) {
        String text = text(ctx.formParam("sample"));
        WordlistView view = WordlistView.of(Params.nonBlank(ctx.formParam("category")));
        if (text.length() > MAX_TEST_CHARS) {
            ctx.status(400);
            page.render(ctx, session, view.withError("The text to test is longer than " + MAX_TEST_CHARS
                    + " characters."));
            return;
        }
        List<String> hits = Matcher.compile(policies.current().bundle().wordlist()).scan(text).stream()
                .map(Hit::explanation).toList();
        page.render(ctx, session, view.withTest(new WordlistView.Test(Optional.of(text), hits)));
    }

    static String published(Policies.Outcome outcome) {
        return outcome.changed() ? "Published version " + outcome.current().version()
                + "; connected agents receive it now." : "No change: that text is already in force.";
    }

    /**
     * The version the person's page showed (the forms' {@code base} field), which their change is made from; a
     * request without one is made from the version in force when it arrives.
     */
    String base(Context ctx) {
        return Params.nonBlank(ctx.formParam("base")).orElseGet(() -> policies.current().change().version());
    }

    /** What a wordlist form says when its change is refused. */
    static String notPublished(InvalidRequest refused) {
        return "Not published, nothing changed: " + refused.getMessage() + ".";
    }

    static String text(String value) {
        return value == null ? "" : value;
    }
}
