package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.devices.EnrolmentTokens;
import org.vigil.console.devices.TokenStatus;
import org.vigil.console.schools.Schools;
import org.vigil.console.store.MintedToken;
import org.vigil.console.store.School;

/**
 * /devices/tokens: the enrolment tokens MDM puts in agents' config. The DSL may look; only IT makes and revokes
 * them. A new token's secret is shown once, on the response to the form, and is never stored.
 */
public final class TokenRoutes {
    static final String PATH = "/devices/tokens";
    private static final Set<Role> VIEWERS = EnumSet.of(Role.IT_ADMIN, Role.DSL);
    private static final Set<Role> MANAGERS = EnumSet.of(Role.IT_ADMIN);

    private final EnrolmentTokens tokens;
    private final Function<Long, SortedSet<String>> groups;
    private final WebAuth auth;
    private final Templates templates;
    private final Flash flash;
    private final Schools schools;
    private final OutOfScope outOfScope;

    /**
     * @param groups a school's groups (the trust's and its own: ADR 0193), one of which a token's devices may join
     */
    public TokenRoutes(EnrolmentTokens tokens, Function<Long, SortedSet<String>> groups, WebAuth auth, Templates templates,
                       Flash flash, Schools schools, OutOfScope outOfScope) {
        this.schools = schools;
        this.outOfScope = outOfScope;
        this.tokens = tokens;
        this.groups = groups;
        this.auth = auth;
        this.templates = templates;
        this.flash = flash;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, auth.page(VIEWERS, (ctx, s) -> render(ctx, s, Optional.empty(), Optional.empty(),
                flash.take(s))));
        routes.post(PATH, auth.form(MANAGERS, this::create));
        routes.post(PATH + "/{id}/revoke", auth.form(MANAGERS, this::revoke));
    }

    private void create(Context ctx, Session session) {
        String label = Optional.ofNullable(ctx.formParam("label")).orElse("").strip();
        Refusals.showOn(ctx, refused -> render(ctx, session, Optional.empty(),
                Optional.of(refused.getMessage() + " No token was made."), Optional.empty()));
        if (label.isEmpty()) {
            throw new InvalidRequest("Give the token a label, e.g. the year group or the MDM profile it is for.");
        }
        int days = Params.positive(ctx.formParam("days")).filter(d -> d <= EnrolmentTokens.MAX_DAYS)
                .map(Long::intValue).orElseThrow(() -> new InvalidRequest(
                        "A token is valid for a whole number of days, 1 to " + EnrolmentTokens.MAX_DAYS + "."));
        Optional<String> group = Params.nonBlank(ctx.formParam("group"));
        Optional<String> schoolCode = Params.nonBlank(ctx.formParam("school"));
        School school = schools.chosen(schoolCode, session.scope());
        // IT of one school cannot make tokens that enrol devices into another
        if (!session.scope().includes(school.id())
                && outOfScope.refused(ctx, session, "school:" + school.code(), Optional.of(school.id()))) {
            return;
        }
        if (group.isPresent() && !groups.apply(school.id()).contains(group.get())) {
            throw new InvalidRequest("There is no group " + group.get() + " in the lists of " + school.name() + ".");
        }
        MintedToken minted = tokens.create(session.username(), label, days, group, school.id());
        render(ctx, session, Optional.of(minted), Optional.empty(), Optional.empty());
    }

    private void revoke(Context ctx, Session session) {
        Refusals.showOn(ctx, refused -> render(ctx, session, Optional.empty(),
                Optional.of(refused.getMessage() + " Nothing changed."), Optional.empty()));
        long id = Params.positive(ctx.pathParam("id"))
                .orElseThrow(() -> new InvalidRequest("There is no such enrolment token."));
        flash.put(session, tokens.revoke(session.username(), id, session.scope())
                ? "Revoked token " + id + ": no device can enrol with it now. Devices it enrolled keep working."
                : "Token " + id + " was already revoked: nothing changed.");
        ctx.redirect(PATH, HttpStatus.SEE_OTHER);
    }

    /** The groups of the user's schools, for the form's choice. */
    private List<String> groupsOf(Session session) {
        SortedSet<String> all = new TreeSet<>();
        schools.listIn(session.scope()).forEach(school -> all.addAll(groups.apply(school.id())));
        return List.copyOf(all);
    }

    private void render(Context ctx, Session session, Optional<MintedToken> created, Optional<String> error,
                        Optional<String> notice) {
        ctx.header("Cache-Control", "no-store");
        templates.render(ctx, "tokens.jte", new TokensPage(PageHeader.signedIn("Enrolment tokens", session),
                tokens.list(session.scope()), groupsOf(session), session.role() == Role.IT_ADMIN, created, error,
                notice, EnrolmentTokens.DEFAULT_DAYS, EnrolmentTokens.MAX_DAYS, EnrolmentTokens.MAX_LABEL_LENGTH,
                schools.listIn(session.scope())));
    }

    /** The tokens page; {@code created} carries a new token's secret on the one response that shows it. */
    public record TokensPage(PageHeader header, List<TokenStatus> tokens, List<String> groups, boolean mayManage,
                             Optional<MintedToken> created, Optional<String> error, Optional<String> notice,
                             int defaultDays, int maxDays, int maxLabelLength, List<School> schools) {

        /** The school of each token is shown, and chosen for a new one, only when there is more than one. */
        public boolean severalSchools() {
            return schools.size() > 1;
        }

        public String schoolCode(TokenStatus token) {
            return schools.stream().filter(s -> s.id() == token.token().schoolId()).map(School::code).findFirst()
                    .orElse("");
        }

        public static String revokeHref(TokenStatus token) {
            return PATH + "/" + token.token().id() + "/revoke";
        }
    }
}
