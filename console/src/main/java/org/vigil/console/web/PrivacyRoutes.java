package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.vigil.console.policy.Policies;
import org.vigil.console.settings.Settings;

/** {@code /privacy}: the public privacy notice, no sign-in, from the live settings and wordlists. */
public final class PrivacyRoutes {
    /** Category ids in the words a pupil or parent would use; a school's own category shows as its id. */
    private static final Map<String, String> PLAIN_WORDS = Map.ofEntries(
            Map.entry("suicide", "suicide and wanting to die"),
            Map.entry("self-harm", "self-harm"),
            Map.entry("bullying", "bullying and abuse aimed at someone"),
            Map.entry("cse-grooming", "grooming and sexual exploitation"),
            Map.entry("sexual-content", "pornography and sexual content"),
            Map.entry("violence-weapons", "violence and weapons"),
            Map.entry("gangs", "gangs and county lines"),
            Map.entry("drugs", "drugs"),
            Map.entry("extremism", "extremism and radicalisation"),
            Map.entry("discrimination", "hate and discrimination"),
            Map.entry("gambling", "gambling"),
            Map.entry("inappropriate-language", "swearing and crude language"));

    private final Settings settings;
    private final Policies policies;
    private final Templates templates;

    public PrivacyRoutes(Settings settings, Policies policies, Templates templates) {
        this.settings = settings;
        this.policies = policies;
        this.templates = templates;
    }

    public void register(RoutesConfig routes) {
        routes.get("/privacy", this::show);
    }

    private void show(Context ctx) {
        List<String> categories = policies.current().bundle().categoryFiles().files().keySet().stream()
                .map(file -> file.replaceFirst("\\.txt$", ""))
                .map(id -> PLAIN_WORDS.getOrDefault(id, id))
                .toList();
        templates.render(ctx, "privacy.jte", PrivacyNotice.from(settings.values(), categories));
    }
}
