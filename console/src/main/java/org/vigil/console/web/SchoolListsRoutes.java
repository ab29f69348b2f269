package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.policy.NoSuchGroup;
import org.vigil.console.policy.Policies;
import org.vigil.console.policy.SchoolLayer;
import org.vigil.console.policy.SchoolPolicies;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.schools.Schools;
import org.vigil.console.store.PolicyChange;
import org.vigil.console.store.School;
import org.vigil.wordlists.GroupOverrides;
import org.vigil.wordlists.WordlistBundle;
import org.vigil.wordlists.WordlistFormatException;

/**
 * /lists for IT and the DSL: one school's changes to the trust's lists (ADR 0193): its school-wide directives
 * ({@code school.txt}), its own groups, what its devices run and its change log. A school's staff see their school; a
 * trust-level user any of their schools ({@code ?school=CODE}); another school's lists, or a change to them, is an
 * audited 403. Every change goes through {@link SchoolPolicies}, which validates and audits it with the school.
 */
public final class SchoolListsRoutes {
    static final String PATH = "/lists";
    private static final Set<Role> ROLES = EnumSet.of(Role.IT_ADMIN, Role.DSL);
    private static final int CHANGES_SHOWN = 20;

    private final SchoolPolicies lists;
    private final Schools schools;
    private final RequestScope requestScope;
    private final WebAuth auth;
    private final Templates templates;
    private final Flash flash;

    public SchoolListsRoutes(SchoolPolicies lists, Schools schools, RequestScope requestScope, WebAuth auth,
                             Templates templates, Flash flash) {
        this.lists = lists;
        this.schools = schools;
        this.requestScope = requestScope;
        this.auth = auth;
        this.templates = templates;
        this.flash = flash;
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, auth.page(ROLES, this::show));
        routes.post(PATH + "/edit", auth.form(ROLES, this::edit));
        routes.post(PATH + "/remove", auth.form(ROLES, this::remove));
    }

    private void show(Context ctx, Session session) {
        Optional<School> school = school(ctx, session, ctx.queryParam("school"));
        if (school.isPresent()) {
            render(ctx, session, school.get(), Edit.NONE, flash.take(session), Optional.empty());
        }
    }

    private void edit(Context ctx, Session session) {
        Optional<School> school = school(ctx, session, ctx.formParam("school"));
        if (school.isEmpty()) {
            return;
        }
        String file = fileName(Params.nonBlank(ctx.formParam("group")));
        String text = Optional.ofNullable(ctx.formParam("text")).orElse("");
        Edit edit = new Edit(file, text);
        Refusals.showOn(ctx, refused -> render(ctx, session, school.get(), edit, Optional.empty(),
                Optional.of(WordlistRoutes.notPublished(refused))));
        try {
            Policies.Outcome outcome = lists.editFile(school.get().id(), base(ctx), file, text, session.username(),
                    Params.nonBlank(ctx.formParam("reason")));
            done(ctx, session, school.get(), outcome.changed() ? "Published " + file + " for " + school.get().name()
                    + "; its connected devices receive their new lists now." : "No change: that text is in force.");
        } catch (WordlistFormatException e) {
            ctx.status(400);
            render(ctx, session, school.get(), edit, Optional.empty(),
                    Optional.of("Not published, nothing changed: " + e.getMessage()));
        }
    }

    private void remove(Context ctx, Session session) {
        Optional<School> school = school(ctx, session, ctx.formParam("school"));
        if (school.isEmpty()) {
            return;
        }
        String file = fileName(Params.nonBlank(ctx.formParam("group")));
        Refusals.showOn(ctx, refused -> render(ctx, session, school.get(), Edit.NONE, Optional.empty(),
                Optional.of(refused instanceof NoSuchGroup ? refused.getMessage() + ". Nothing changed."
                        : WordlistRoutes.notPublished(refused))));
        lists.removeFile(school.get().id(), base(ctx), file, session.username(),
                Params.nonBlank(ctx.formParam("reason")));
        done(ctx, session, school.get(), "Removed " + file + " from " + school.get().name() + "'s changes.");
    }

    private void done(Context ctx, Session session, School school, String notice) {
        flash.put(session, notice);
        ctx.redirect(PATH + "?school=" + school.code(), HttpStatus.SEE_OTHER);
    }

    /**
     * The school the request is about: the one named if it is the user's (else the audited 403 is sent and the
     * result is empty), or the user's first school.
     */
    private Optional<School> school(Context ctx, Session session, String code) {
        if (code == null || code.isBlank()) {
            List<School> theirs = schools.listIn(session.scope());
            if (theirs.isEmpty()) {
                throw new InvalidRequest("Your account works for no school: an admin must give it one.");
            }
            return Optional.of(theirs.get(0));
        }
        return requestScope.of(ctx, session, code).map(scope -> schools.byCode(code));
    }

    /** The school's version the page showed; {@link SchoolPolicies#NO_CHANGES} if it had made none. */
    private static String base(Context ctx) {
        return Params.nonBlank(ctx.formParam("base")).orElse(SchoolPolicies.NO_CHANGES);
    }

    /** No group: the school-wide directives. */
    private static String fileName(Optional<String> group) {
        return group.map(GroupOverrides::fileName).orElse(SchoolLayer.SCHOOL_FILE);
    }

    private void render(Context ctx, Session session, School school, Edit edit, Optional<String> notice,
                        Optional<String> error) {
        SchoolPolicies.Layer layer = lists.layer(school.id());
        WordlistBundle effective = lists.effective(school.id()).policy();
        List<GroupFile> own = layer.files().groups().stream()
                .map(id -> new GroupFile(id, layer.files().files().get(GroupOverrides.fileName(id)))).toList();
        templates.render(ctx, "lists.jte", new ListsPage(PageHeader.signedIn("Lists of " + school.name(), session),
                school, schools.listIn(session.scope()), layer.version(),
                layer.files().files().getOrDefault(SchoolLayer.SCHOOL_FILE, ""), own,
                List.copyOf(effective.groups()), lists.effective(school.id()).versionFor(Optional.empty()),
                lists.changes(school.id(), CHANGES_SHOWN), edit, notice, error));
    }

    /** A change refused, with the file and text kept for the person to mend. */
    public record Edit(String file, String text) {
        static final Edit NONE = new Edit("", "");

        public boolean ofSchoolFile() {
            return file.equals(SchoolLayer.SCHOOL_FILE);
        }

        public Optional<String> group() {
            return GroupOverrides.groupOf(file);
        }
    }

    /** One of the school's own groups and its file. */
    public record GroupFile(String id, String text) {
    }

    /** The page of one school's lists. */
    public record ListsPage(PageHeader header, School school, List<School> schools, String base, String schoolFile,
                            List<GroupFile> ownGroups, List<String> groups, String version,
                            List<PolicyChange> changes, Edit edit, Optional<String> notice,
                            Optional<String> error) {
    }
}
