package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.auth.UserAdministration;
import org.vigil.console.schools.Schools;
import org.vigil.console.store.School;
import org.vigil.console.store.StoredUser;

/**
 * User management for admins: create users with a role and an email address, change or clear the address, reset a
 * password, disable or enable. A new or reset password is shown once, on the response to the form, and must be
 * changed at the next sign-in.
 */
public final class UserRoutes {
    private final UserAdministration administration;
    private final WebAuth auth;
    private final Templates templates;
    private final Schools schools;

    public UserRoutes(UserAdministration administration, WebAuth auth, Templates templates, Schools schools) {
        this.schools = schools;
        this.administration = administration;
        this.auth = auth;
        this.templates = templates;
    }

    public void register(RoutesConfig routes) {
        routes.get("/users", auth.adminPage((ctx, s) -> render(ctx, s, Optional.empty(), Optional.empty())));
        routes.post("/users", auth.adminForm(this::create));
        routes.post("/users/{id}/reset", auth.adminForm(this::reset));
        routes.post("/users/{id}/email", auth.adminForm(this::setEmail));
        routes.post("/users/{id}/disable", auth.adminForm((ctx, s) -> setDisabled(ctx, s, true)));
        routes.post("/users/{id}/enable", auth.adminForm((ctx, s) -> setDisabled(ctx, s, false)));
    }

    private void create(Context ctx, Session session) {
        String username = Optional.ofNullable(ctx.formParam("username")).orElse("").strip();
        refusalsOnThisPage(ctx, session);
        Role role = parseRole(ctx.formParam("role"));
        // checked before the user is made, so a wrong code makes nothing (ADR 0176)
        List<School> trustSchools = Params.nonBlank(ctx.formParam("trust_schools")).map(schools::byCodes)
                .orElse(List.of());
        Optional<School> school = Params.nonBlank(ctx.formParam("school")).map(schools::byCode);
        String password = administration.create(session, username, role, "on".equals(ctx.formParam("admin")),
                Optional.ofNullable(ctx.formParam("email")));
        if (!trustSchools.isEmpty() || school.isPresent()) {
            long id = administration.list().stream().filter(u -> u.username().equals(username)).findFirst()
                    .map(StoredUser::id).orElseThrow(() -> new InvalidRequest("There is no such user."));
            if (!trustSchools.isEmpty()) {
                schools.placeUserAtTrustLevel(session.username(), id, username, trustSchools);
            } else {
                schools.placeUser(session.username(), id, username, school.get());
            }
        }
        render(ctx, session, Optional.of(new OneTimePassword(username, password)), Optional.empty());
    }

    private void reset(Context ctx, Session session) {
        refusalsOnThisPage(ctx, session);
        long id = Params.positive(ctx.pathParam("id")).orElseThrow(() -> new InvalidRequest("There is no such user."));
        String password = administration.resetPassword(session, id);
        String username = administration.find(id).map(StoredUser::username).orElse("?");
        render(ctx, session, Optional.of(new OneTimePassword(username, password)), Optional.empty());
    }

    /** An empty field clears the address. */
    private void setEmail(Context ctx, Session session) {
        refusalsOnThisPage(ctx, session);
        long id = Params.positive(ctx.pathParam("id")).orElseThrow(() -> new InvalidRequest("There is no such user."));
        administration.setEmail(session, id, Optional.ofNullable(ctx.formParam("email")));
        ctx.redirect("/users", HttpStatus.SEE_OTHER);
    }

    private void setDisabled(Context ctx, Session session, boolean disabled) {
        refusalsOnThisPage(ctx, session);
        long id = Params.positive(ctx.pathParam("id")).orElseThrow(() -> new InvalidRequest("There is no such user."));
        administration.setDisabled(session, id, disabled);
        ctx.redirect("/users", HttpStatus.SEE_OTHER);
    }

    /** A refused change is shown on the users page, above the list, with nothing changed. */
    private void refusalsOnThisPage(Context ctx, Session session) {
        Refusals.showOn(ctx, refused -> render(ctx, session, Optional.empty(), Optional.of(refused.getMessage())));
    }

    private static Role parseRole(String text) {
        for (Role role : Role.values()) {
            if (role.name().equals(text)) {
                return role;
            }
        }
        throw new InvalidRequest("Choose a role.");
    }

    private void render(Context ctx, Session session, Optional<OneTimePassword> created, Optional<String> error) {
        ctx.header("Cache-Control", "no-store");
        templates.render(ctx, "users.jte", new UsersPage(PageHeader.signedIn("Users", session), administration.list(),
                List.of(Role.values()), created, error, schools.list()));
    }

    /** A password to hand to the user once; they must change it when they sign in. */
    public record OneTimePassword(String username, String password) {
    }

    /** The users page. */
    public record UsersPage(PageHeader header, List<StoredUser> users, List<Role> roles,
                            Optional<OneTimePassword> created, Optional<String> error, List<School> schools) {

        /** The school fields are shown only on a console with more than one school. */
        public boolean severalSchools() {
            return schools.size() > 1;
        }
    }
}
