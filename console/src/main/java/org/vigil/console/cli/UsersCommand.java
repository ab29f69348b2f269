package org.vigil.console.cli;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.vigil.console.ConsoleServices;
import org.vigil.console.schools.Schools;
import org.vigil.console.store.School;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.UserAdministration;
import org.vigil.console.store.StoredUser;

/**
 * {@code users add NAME --role DSL|IT_ADMIN|VIEWER [--email ADDR] [--admin] | list | reset-password NAME
 * | email NAME --email ADDR|none | reset-2fa NAME} with {@code [--data DIR]}: the console's users, through the same rules and audit
 * log as the web console's /users page, audited as {@code cli:<os user>}. A new or reset password is one-time: it
 * must be changed at the first sign-in. {@code reset-password admin} is how a lost first admin password is
 * recovered; {@code reset-2fa NAME} turns off a user's two-factor sign-in when they lost their phone (they enrol
 * again at the next sign-in; their sessions end). Works on the database whether or not the console is running. Returns the text for stdout.
 */
public final class UsersCommand {
    private static final String ROLES = Arrays.stream(Role.values()).map(Role::name)
            .collect(Collectors.joining("|"));

    private UsersCommand() {
    }

    public static String run(List<String> args, Clock clock) {
        AdminArguments arguments = AdminArguments.parse("users", args, Set.of("add", "list", "reset-password", "email",
                        "reset-2fa"),
                Set.of("--data", "--role", "--email", "--school", "--trust-schools"), Set.of("--admin"));
        return switch (arguments.action()) {
            case "add" -> add(arguments, clock);
            case "list" -> {
                try (ConsoleServices console = ConsoleServices.open(arguments.dataDir(), arguments.database(), clock)) {
                    yield list(console.administration().list());
                }
            }
            case "reset-password" -> resetPassword(arguments, clock);
            case "reset-2fa" -> resetTwoFactor(arguments, clock);
            default -> email(arguments, clock);
        };
    }

    private static String add(AdminArguments arguments, Clock clock) {
        String username = arguments.requireTarget("new user's name");
        Role role = role(Optional.ofNullable(arguments.options().get("--role"))
                .orElseThrow(() -> new IllegalArgumentException("add needs --role " + ROLES)));
        boolean admin = arguments.options().containsKey("--admin");
        Optional<String> schoolCode = Optional.ofNullable(arguments.options().get("--school"));
        Optional<String> trustCodes = Optional.ofNullable(arguments.options().get("--trust-schools"));
        if (schoolCode.isPresent() && trustCodes.isPresent()) {
            throw new IllegalArgumentException("add takes --school CODE or --trust-schools CODE,CODE, not both");
        }
        try (ConsoleServices console = ConsoleServices.open(arguments.dataDir(), arguments.database(), clock)) {
            Schools schools = console.schools();
            // the codes are checked before the user is made, so a wrong one makes nothing
            Optional<School> school = schoolCode.map(schools::byCode);
            List<School> trust = trustCodes.map(schools::byCodes).orElse(List.of());
            if (trustCodes.isPresent() && trust.isEmpty()) {
                throw new IllegalArgumentException("--trust-schools needs at least one school's code");
            }
            String actor = AdminArguments.cliActor();
            String password = console.administration().create(actor, username, role, admin,
                    Optional.ofNullable(arguments.options().get("--email")));
            long id = console.users().findByUsername(username).orElseThrow().id();
            school.ifPresent(chosen -> schools.placeUser(actor, id, username, chosen));
            if (!trust.isEmpty()) {
                schools.placeUserAtTrustLevel(actor, id, username, trust);
            }
            return "added user " + username + " (" + role + (admin ? ", admin" : "")
                    + school.map(chosen -> ", school " + chosen.code()).orElse("")
                    + (trust.isEmpty() ? "" : ", trust level over " + String.join(", ",
                    trust.stream().map(School::code).toList())) + ")\n"
                    + oneTime(username, password);
        }
    }

    private static String resetPassword(AdminArguments arguments, Clock clock) {
        String username = arguments.requireTarget("user's name (see users list)");
        try (ConsoleServices console = ConsoleServices.open(arguments.dataDir(), arguments.database(), clock)) {
            return oneTime(username, console.administration().resetPassword(AdminArguments.cliActor(), username));
        }
    }

    private static String resetTwoFactor(AdminArguments arguments, Clock clock) {
        String username = arguments.requireTarget("user's name (see users list)");
        try (ConsoleServices console = ConsoleServices.open(arguments.dataDir(), arguments.database(), clock)) {
            console.twoFactor().reset(AdminArguments.cliActor(), username);
            return "two-factor sign-in of " + username + " is reset: they set it up again at their next sign-in\n";
        }
    }

    private static String email(AdminArguments arguments, Clock clock) {
        String username = arguments.requireTarget("user's name (see users list)");
        String typed = Optional.ofNullable(arguments.options().get("--email"))
                .orElseThrow(() -> new IllegalArgumentException("email needs --email ADDR (or --email none)"));
        Optional<String> email = typed.equals("none") ? Optional.empty() : Optional.of(typed);
        try (ConsoleServices console = ConsoleServices.open(arguments.dataDir(), arguments.database(), clock)) {
            UserAdministration users = console.administration();
            boolean changed = users.setEmail(AdminArguments.cliActor(), username, email);
            Optional<String> now = users.findByUsername(username).flatMap(StoredUser::email);
            String said = now.map(address -> "the email of " + username + " is " + (changed ? "now " : "already ")
                    + address).orElse(username + (changed ? " has no email now" : " already has no email"));
            return said + (changed ? "" : ": nothing changed") + "\n";
        }
    }

    private static String oneTime(String username, String password) {
        return "one-time password for " + username + ": " + password + "\n"
                + "it is shown only now, and must be changed at the first sign-in\n";
    }

    private static Role role(String name) {
        for (Role role : Role.values()) {
            if (role.name().equals(name)) {
                return role;
            }
        }
        throw new IllegalArgumentException("--role must be one of " + ROLES + ", got " + name);
    }

    private static String list(List<StoredUser> users) {
        StringBuilder out = new StringBuilder("id\tusername\trole\tadmin\tdisabled\temail\n");
        for (StoredUser user : users) {
            out.append(user.id()).append('\t').append(user.username()).append('\t').append(user.role()).append('\t')
                    .append(user.admin() ? "yes" : "no").append('\t').append(user.disabled() ? "yes" : "no")
                    .append('\t').append(user.email().orElse("-")).append('\n');
        }
        return out.toString();
    }
}
