package org.vigil.console.web;

import io.javalin.http.Context;
import java.util.List;
import org.vigil.console.auth.Session;
import org.vigil.console.terms.CategoryText;
import org.vigil.console.policy.Policies;
import org.vigil.console.store.PolicyChange;

/** Renders /wordlists: the policy in force, its categories, the open category's terms, and a {@link WordlistView}. */
public final class WordlistPage {
    private static final int LOG_ROWS = 50;

    private final Policies policies;
    private final Templates templates;

    WordlistPage(Policies policies, Templates templates) {
        this.policies = policies;
        this.templates = templates;
    }

    void render(Context ctx, Session session, WordlistView view) {
        Policies.CurrentPolicy current = policies.current();
        List<String> categories = current.bundle().categoryFiles().files().keySet().stream()
                .map(file -> file.substring(0, file.length() - ".txt".length())).toList();
        String text = view.category().map(this::currentText).orElse("");
        List<CategoryText.Entry> terms = view.category().filter(categories::contains)
                .map(category -> CategoryText.entries(category, text)).orElse(List.of());
        templates.render(ctx, "wordlists.jte", new Model(PageHeader.signedIn("Wordlists", session), current.change(),
                categories, current.bundle().wordlist().rules().size(), policies.changes(LOG_ROWS),
                view, view.editText().orElse(text), terms));
    }

    String currentText(String category) {
        return policies.current().bundle().files().getOrDefault(category + ".txt", "");
    }

    /** Whether a category file of that id is in force (group files, in folders, are not categories). */
    boolean hasCategory(String category) {
        return category.indexOf('/') < 0 && policies.current().bundle().files().containsKey(category + ".txt");
    }

    /** The wordlists page. */
    public record Model(PageHeader header, PolicyChange current, List<String> categories, int entries,
                        List<PolicyChange> changes, WordlistView view, String editText,
                        List<CategoryText.Entry> terms) {
    }
}
