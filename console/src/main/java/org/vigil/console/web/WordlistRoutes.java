package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.wordlists.NoSuchVersion;
import org.vigil.console.wordlists.Policies;
import org.vigil.console.wordlists.PolicyChange;
import org.vigil.console.wordlists.TermChange;
import org.vigil.wordlists.Hit;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.WordlistFormatException;

/**
 * /wordlists for IT and the DSL: the policy in force, its change log with restore, a category editor validated
 * by the real parser, a term-level diff between versions, and a "test this text" box using the real matcher.
 * Every change is audit-logged by {@link Policies}; every form carries the CSRF token.
 */
public final class WordlistRoutes {
    private static final Set<Role> ROLES = EnumSet.of(Role.IT_ADMIN, Role.DSL);
    private static final int LOG_ROWS = 50;
    private static final int MAX_TEST_CHARS = 2000;

    private final Policies policies;
    private final WebAuth auth;
    private final Templates templates;

    public WordlistRoutes(Policies policies, WebAuth auth, Templates templates) {
        this.policies = policies;
        this.auth = auth;
        this.templates = templates;
    }

    public void register(RoutesConfig routes) {
        routes.get("/wordlists", auth.page(ROLES, this::show));
        routes.post("/wordlists/edit", auth.form(ROLES, this::edit));
        routes.post("/wordlists/restore", auth.form(ROLES, this::restore));
        routes.post("/wordlists/test", auth.form(ROLES, this::test));
    }

    private void show(Context ctx, Session session) {
        Optional<String> category = Params.nonBlank(ctx.queryParam("category"));
        Edit edit = new Edit(category, category.map(this::currentText).orElse(""));
        Optional<String> from = Params.nonBlank(ctx.queryParam("from"));
        Optional<String> to = Params.nonBlank(ctx.queryParam("to"));
        if (from.isPresent() && to.isPresent()) {
            try {
                render(ctx, session, edit, Optional.empty(), Optional.empty(), Test.NONE, policies.diff(from.get(), to.get()));
            } catch (NoSuchVersion e) {
                render(ctx, session, edit, Optional.of(e.getMessage()), Optional.empty(), Test.NONE, List.of());
            }
            return;
        }
        render(ctx, session, edit, Optional.empty(), Optional.empty(), Test.NONE, List.of());
    }

    private void edit(Context ctx, Session session) {
        String category = text(ctx.formParam("category"));
        String text = text(ctx.formParam("text"));
        Edit edit = new Edit(Optional.of(category), text);
        try {
            Policies.Outcome outcome = policies.editCategory(category, text, session.username(),
                    Params.nonBlank(ctx.formParam("reason")));
            String notice = outcome.changed() ? "Published version " + outcome.current().version()
                    + "; connected agents receive it now." : "No change: that text is already in force.";
            render(ctx, session, new Edit(Optional.of(category), currentText(category)), Optional.empty(),
                    Optional.of(notice), Test.NONE, List.of());
        } catch (WordlistFormatException e) {
            ctx.status(400);
            render(ctx, session, edit, Optional.of("Not published, nothing changed: " + e.getMessage()),
                    Optional.empty(), Test.NONE, List.of());
        }
    }

    private void restore(Context ctx, Session session) {
        try {
            Policies.Outcome outcome = policies.restore(text(ctx.formParam("version")), session.username(),
                    Params.nonBlank(ctx.formParam("reason")));
            render(ctx, session, Edit.NONE, Optional.empty(), Optional.of(outcome.changed()
                    ? "Restored: version " + outcome.current().version() + " is in force again."
                    : "No change: that version is already in force."), Test.NONE, List.of());
        } catch (NoSuchVersion e) {
            ctx.status(400);
            render(ctx, session, Edit.NONE, Optional.of(e.getMessage()), Optional.empty(), Test.NONE, List.of());
        }
    }

    private void test(Context ctx, Session session) {
        String text = text(ctx.formParam("sample"));
        if (text.length() > MAX_TEST_CHARS) {
            ctx.status(400);
            render(ctx, session, Edit.NONE, Optional.of("The text to test is longer than " + MAX_TEST_CHARS
                    + " characters."), Optional.empty(), Test.NONE, List.of());
            return;
        }
        List<String> hits = Matcher.compile(policies.current().bundle().wordlist()).scan(text).stream()
                .map(Hit::explanation).toList();
        render(ctx, session, Edit.NONE, Optional.empty(), Optional.empty(), new Test(Optional.of(text), hits),
                List.of());
    }

    private String currentText(String category) {
        return policies.current().bundle().files().getOrDefault(category + ".txt", "");
    }

    private void render(Context ctx, Session session, Edit edit, Optional<String> error, Optional<String> notice,
                        Test test, List<TermChange> diff) {
        Policies.CurrentPolicy current = policies.current();
        List<String> categories = current.bundle().categoryFiles().files().keySet().stream()
                .map(file -> file.substring(0, file.length() - ".txt".length())).toList();
        templates.render(ctx, "wordlists.jte", new WordlistsPage(PageHeader.signedIn("Wordlists", session),
                current.change(), categories, current.bundle().wordlist().rules().size(),
                policies.changes(LOG_ROWS), edit, error, notice, test, diff));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** The category being edited, and its text (as submitted, after a refusal). */
    public record Edit(Optional<String> category, String text) {
        static final Edit NONE = new Edit(Optional.empty(), "");
    }

    /** What was tested and the explanation of each hit. */
    public record Test(Optional<String> sample, List<String> hits) {
        static final Test NONE = new Test(Optional.empty(), List.of());
    }

    /** The wordlists page. */
    public record WordlistsPage(PageHeader header, PolicyChange current, List<String> categories, int entries,
                                List<PolicyChange> changes, Edit edit, Optional<String> error,
                                Optional<String> notice, Test test, List<TermChange> diff) {
    }
}
