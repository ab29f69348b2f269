package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.devices.ExpectedPolicy;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.DeviceSummary;
import org.vigil.console.policy.EffectivePolicies;
import org.vigil.console.policy.GroupMembership;
import org.vigil.console.policy.Policies;
import org.vigil.console.policy.PolicyConflict;
import org.vigil.wordlists.GroupOverrides;
import org.vigil.wordlists.Hit;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.WordlistBundle;
import org.vigil.wordlists.WordlistFormatException;

/**
 * /groups for IT and the DSL: the groups of devices, what each changes in the school's lists (its file in the policy,
 * edited and published like a category), the lists each group's devices run, a test box per group, and moving a
 * device from one group to another. Every change goes through {@link Policies} or {@link GroupMembership}, which
 * audit-log it.
 */
public final class GroupRoutes {
    private static final Set<Role> ROLES = EnumSet.of(Role.IT_ADMIN, Role.DSL);
    private static final int MAX_TEST_CHARS = 2000;
    private static final String NO_GROUP = "";

    private final Policies policies;
    private final GroupMembership membership;
    private final DeviceRepository devices;
    private final ExpectedPolicy expected;
    private final WebAuth auth;
    private final Templates templates;

    /**
     * @param expected what each device should run: its school's lists (ADR 0193) with its group's changes
     */
    public GroupRoutes(Policies policies, GroupMembership membership, DeviceRepository devices,
                       ExpectedPolicy expected, WebAuth auth, Templates templates) {
        this.policies = policies;
        this.membership = membership;
        this.devices = devices;
        this.expected = expected;
        this.auth = auth;
        this.templates = templates;
    }

    public void register(RoutesConfig routes) {
        routes.get("/groups", auth.page(ROLES, this::show));
        routes.post("/groups/edit", auth.form(ROLES, this::edit));
        routes.post("/groups/remove", auth.form(ROLES, this::remove));
        routes.post("/groups/move", auth.form(ROLES, this::move));
        routes.post("/groups/test", auth.form(ROLES, this::test));
    }

    private void show(Context ctx, Session session) {
        Optional<String> group = Params.nonBlank(ctx.queryParam("group"));
        Edit edit = group.map(id -> new Edit(Optional.of(id), fileText(id))).orElse(Edit.NONE);
        render(ctx, session, new Outcome(edit, Optional.empty(), Optional.empty(), Test.NONE,
                Params.nonBlank(ctx.queryParam("lists")).map(id -> id.equals("none") ? NO_GROUP : id)));
    }

    private void edit(Context ctx, Session session) {
        String group = text(ctx.formParam("group")).strip();
        String text = text(ctx.formParam("text"));
        Refusals.showOn(ctx, refused -> render(ctx, session, Outcome.error(new Edit(Optional.of(group), text),
                WordlistRoutes.notPublished(refused))));
        try {
            Policies.Outcome outcome = policies.editGroup(base(ctx), group, text, session.username(),
                    Params.nonBlank(ctx.formParam("reason")));
            String notice = outcome.changed() ? "Published version " + outcome.current().version()
                    + "; the group's connected devices receive their new lists now."
                    : "No change: that text is already in force.";
            render(ctx, session, Outcome.notice(new Edit(Optional.of(group), fileText(group)), notice));
        } catch (WordlistFormatException e) {
            ctx.status(400);
            render(ctx, session, Outcome.error(new Edit(Optional.of(group), text),
                    "Not published, nothing changed: " + e.getMessage()));
        }
    }

    /** The version the page showed, or the one in force when the form names none. */
    private String base(Context ctx) {
        return Params.nonBlank(ctx.formParam("base")).orElseGet(() -> policies.current().change().version());
    }

    private void remove(Context ctx, Session session) {
        String group = text(ctx.formParam("group"));
        long members = devices.list().stream().filter(device -> device.revokedAt().isEmpty()
                && device.group().equals(Optional.of(group))).count();
        if (members > 0) {
            ctx.status(409);
            render(ctx, session, Outcome.error(new Edit(Optional.of(group), fileText(group)), "Group " + group
                    + " still has " + members + " device(s): move them to another group first. Nothing changed."));
            return;
        }
        Refusals.showOn(ctx, refused -> render(ctx, session, Outcome.error(Edit.NONE,
                refused instanceof PolicyConflict ? WordlistRoutes.notPublished(refused) : refused.getMessage())));
        policies.removeGroup(base(ctx), group, session.username(), Params.nonBlank(ctx.formParam("reason")));
        render(ctx, session, Outcome.notice(Edit.NONE, "Group " + group + " removed from the policy."));
    }

    private void move(Context ctx, Session session) {
        String device = text(ctx.formParam("device"));
        Optional<String> group = Params.nonBlank(ctx.formParam("group"));
        Refusals.showOn(ctx, refused -> render(ctx, session, Outcome.error(Edit.NONE,
                refused.getMessage() + ". Nothing changed.")));
        if (membership.move(device, group, session.username())) {
            render(ctx, session, Outcome.notice(Edit.NONE, "Moved the device to " + group.orElse("no group")
                    + "; if it is connected it receives its new lists now."));
        } else {
            ctx.status(404);
            render(ctx, session, Outcome.error(Edit.NONE, "There is no such device."));
        }
    }

    private void test(Context ctx, Session session) {
        String sample = text(ctx.formParam("sample"));
        Optional<String> group = Params.nonBlank(ctx.formParam("group"));
        if (sample.length() > MAX_TEST_CHARS) {
            ctx.status(400);
            render(ctx, session, Outcome.error(Edit.NONE, "The text to test is longer than " + MAX_TEST_CHARS
                    + " characters."));
            return;
        }
        List<String> hits = Matcher.compile(policies.effective(group).wordlist()).scan(sample).stream()
                .map(Hit::explanation).toList();
        render(ctx, session, new Outcome(Edit.NONE, Optional.empty(), Optional.empty(),
                new Test(Optional.of(sample), group.orElse(NO_GROUP), hits), Optional.empty()));
    }

    private String fileText(String group) {
        return policies.current().bundle().files().getOrDefault(GroupOverrides.fileName(group), "");
    }

    private void render(Context ctx, Session session, Outcome outcome) {
        Policies.CurrentPolicy current = policies.current();
        EffectivePolicies effective = policies.effectivePolicies();
        List<DeviceSummary> all = devices.list();
        Map<String, Integer> members = new TreeMap<>();
        all.stream().filter(device -> device.revokedAt().isEmpty())
                .forEach(device -> members.merge(device.group().orElse(NO_GROUP), 1, Integer::sum));
        List<GroupRow> rows = new ArrayList<>();
        rows.add(new GroupRow(NO_GROUP, "The school's lists as they are", members.getOrDefault(NO_GROUP, 0),
                effective.versionFor(Optional.empty()), ""));
        for (String group : current.bundle().groups()) {
            GroupOverrides overrides = current.bundle().overrides(group).orElseThrow();
            rows.add(new GroupRow(group, description(fileText(group)), members.getOrDefault(group, 0),
                    effective.versionFor(Optional.of(group)), summary(overrides)));
        }
        List<DeviceRow> deviceRows = all.stream().filter(device -> device.revokedAt().isEmpty())
                .map(device -> new DeviceRow(device.id(), device.hostname(), device.group().orElse(NO_GROUP),
                        device.policyVersion().orElse(""), expected.versionFor(device).orElse("")))
                .toList();
        Optional<Lists> lists = outcome.lists().map(group -> {
            WordlistBundle bundle = effective.forGroup(group.isEmpty() ? Optional.empty() : Optional.of(group));
            return new Lists(group, bundle.version(), bundle.files());
        });
        templates.render(ctx, "groups.jte", new GroupsPage(PageHeader.signedIn("Groups", session),
                current.change().version(), rows, deviceRows, outcome.edit(), outcome.error(), outcome.notice(),
                outcome.test(), lists));
    }

    /** The first comment line of a group file says what the group is. */
    private static String description(String text) {
        return text.lines().map(String::strip).filter(line -> line.startsWith("#")).findFirst()
                .map(line -> line.substring(1).strip()).orElse("");
    }

    private static String summary(GroupOverrides overrides) {
        List<String> parts = new ArrayList<>();
        if (!overrides.offCategories().isEmpty()) {
            parts.add("off: " + String.join(", ", new TreeSet<>(overrides.offCategories())));
        }
        int termsOff = overrides.offTerms().values().stream().mapToInt(Set::size).sum();
        if (termsOff > 0) {
            parts.add(termsOff + " term(s) off");
        }
        overrides.severities().forEach((category, change) -> parts.add("severity " + category + " " + change));
        if (!overrides.additions().isEmpty()) {
            parts.add(overrides.additions().size() + " term(s) of its own");
        }
        return parts.isEmpty() ? "no changes" : String.join("; ", parts);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** What a request did, for the page to show. {@code lists}: the group whose lists to show ("" for none). */
    private record Outcome(Edit edit, Optional<String> error, Optional<String> notice, Test test,
                           Optional<String> lists) {
        static Outcome error(Edit edit, String message) {
            return new Outcome(edit, Optional.of(message), Optional.empty(), Test.NONE, Optional.empty());
        }

        static Outcome notice(Edit edit, String message) {
            return new Outcome(edit, Optional.empty(), Optional.of(message), Test.NONE, Optional.empty());
        }
    }

    /** The group being edited (or created) and its file's text. */
    public record Edit(Optional<String> group, String text) {
        static final Edit NONE = new Edit(Optional.empty(), "");
    }

    /** A test of text against one group's lists ("" for no group). */
    public record Test(Optional<String> sample, String group, List<String> hits) {
        static final Test NONE = new Test(Optional.empty(), NO_GROUP, List.of());
    }

    /** One group ("" for devices in none), with its devices and the version they should run. */
    public record GroupRow(String id, String description, int devices, String version, String summary) {
    }

    /** A device that can be moved, the version it runs and the one it should. */
    public record DeviceRow(String id, String hostname, String group, String running, String expected) {
        public boolean behind() {
            return !running.isEmpty() && !running.equals(expected);
        }
    }

    /** The files of one group's lists, read-only. */
    public record Lists(String group, String version, Map<String, String> files) {
    }

    /** The groups page. */
    public record GroupsPage(PageHeader header, String policyVersion, List<GroupRow> groups, List<DeviceRow> devices,
                             Edit edit, Optional<String> error, Optional<String> notice, Test test,
                             Optional<Lists> lists) {
    }
}
