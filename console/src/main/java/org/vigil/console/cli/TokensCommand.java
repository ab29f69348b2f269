package org.vigil.console.cli;

import org.vigil.console.ConsoleServices;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.devices.EnrolmentTokens;
import org.vigil.console.devices.TokenStatus;
import org.vigil.console.store.School;
import org.vigil.console.store.TokenSummary;

/**
 * {@code tokens create [--expires-days N] [--note TEXT] [--group GROUP] [--school CODE] | list | revoke ID} with
 * {@code [--data DIR]}: IT's enrolment tokens (for the first school unless {@code --school} names another), through the same rules and audit log as the web console's tokens page. Works on the database
 * whether or not the console is running. Returns the text for stdout.
 */
public final class TokensCommand {
    private TokensCommand() {
    }

    public static String run(List<String> args, Clock clock) {
        AdminArguments arguments = AdminArguments.parse("tokens", args, Set.of("create", "list", "revoke"),
                Set.of("--data", "--expires-days", "--note", "--group", "--school"));
        try (ConsoleServices console = ConsoleServices.open(arguments.dataDir(), arguments.database(), clock)) {
            return run(arguments, console);
        }
    }

    private static String run(AdminArguments arguments, ConsoleServices console) {
        EnrolmentTokens tokens = console.enrolmentTokens();
        return switch (arguments.action()) {
            case "create" -> {
                int days = CommandLineOptions.intValue(arguments.options(), "--expires-days",
                        EnrolmentTokens.DEFAULT_DAYS);
                if (days < 1 || days > EnrolmentTokens.MAX_DAYS) {
                    throw new IllegalArgumentException("--expires-days must be 1.." + EnrolmentTokens.MAX_DAYS
                            + ", got " + days);
                }
                Optional<String> group = Optional.ofNullable(arguments.options().get("--group"));
                long school = Optional.ofNullable(arguments.options().get("--school"))
                        .map(code -> console.schools().byCode(code).id()).orElse(School.FIRST);
                group.ifPresent(id -> PolicyGroups.requireExisting(console.schoolPolicies(), school, id));
                yield tokens.create(AdminArguments.cliActor(), arguments.options().getOrDefault("--note", ""),
                        days, group, school).token() + "\n";
            }
            case "list" -> list(tokens.list());
            default -> revoke(tokens, arguments.requireTarget("token id (see tokens list)"));
        };
    }

    private static String revoke(EnrolmentTokens tokens, String id) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a token id is a whole number (see tokens list), got " + id);
        }
        if (!tokens.revoke(AdminArguments.cliActor(), number)) {
            return "token " + id + " was already revoked: nothing changed\n";
        }
        return "revoked token " + id + ": no device can enrol with it; devices it enrolled keep working\n";
    }

    private static String list(List<TokenStatus> tokens) {
        StringBuilder out = new StringBuilder("id\tstate\tcreated\texpires\tdevices\tnote\n");
        for (TokenStatus status : tokens) {
            TokenSummary token = status.token();
            out.append(token.id()).append('\t').append(status.state().label()).append('\t').append(token.createdAt())
                    .append('\t').append(token.expiresAt()).append('\t').append(token.devicesEnrolled()).append('\t')
                    .append(token.note()).append('\n');
        }
        return out.toString();
    }
}
