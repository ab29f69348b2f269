package org.vigil.console;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.store.Database;
import org.vigil.console.store.EnrolmentTokenRepository;
import org.vigil.console.store.TokenSummary;

/**
 * {@code tokens create [--expires-days N] [--note TEXT] [--group GROUP] | list | revoke ID} with {@code [--data DIR]}: IT's
 * enrolment tokens. Works on the database whether or not the console is running. Returns the text for stdout.
 */
final class TokensCommand {
    private TokensCommand() {
    }

    static String run(List<String> args, Clock clock) {
        AdminArguments arguments = AdminArguments.parse("tokens", args, Set.of("create", "list", "revoke"),
                Set.of("--data", "--expires-days", "--note", "--group"));
        Database database = ConsoleHome.open(arguments.dataDir()).database();
        EnrolmentTokenRepository tokens = new EnrolmentTokenRepository(database, clock);
        return switch (arguments.action()) {
            case "create" -> {
                int days = CommandLineOptions.intValue(arguments.options(), "--expires-days", 30);
                if (days < 1 || days > 3650) {
                    throw new IllegalArgumentException("--expires-days must be 1..3650, got " + days);
                }
                Optional<String> group = Optional.ofNullable(arguments.options().get("--group"));
                group.ifPresent(id -> PolicyGroups.requireExisting(database, id));
                String token = tokens.mint(Duration.ofDays(days), arguments.options().getOrDefault("--note", ""), group);
                yield token + "\n";
            }
            case "list" -> list(tokens.list(), clock);
            default -> {
                String id = arguments.requireTarget("token id (see tokens list)");
                long number;
                try {
                    number = Long.parseLong(id);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("a token id is a whole number (see tokens list), got " + id);
                }
                if (!tokens.revoke(number)) {
                    throw new IllegalArgumentException("no token " + id + " that is not already revoked");
                }
                yield "revoked token " + id + ": no device can enrol with it; devices it enrolled keep working\n";
            }
        };
    }

    private static String list(List<TokenSummary> tokens, Clock clock) {
        StringBuilder out = new StringBuilder("id\tstate\tcreated\texpires\tdevices\tnote\n");
        for (TokenSummary token : tokens) {
            String state = token.revokedAt().isPresent() ? "revoked"
                    : token.expiresAt().isAfter(clock.instant()) ? "usable" : "expired";
            out.append(token.id()).append('\t').append(state).append('\t').append(token.createdAt()).append('\t')
                    .append(token.expiresAt()).append('\t').append(token.devicesEnrolled()).append('\t')
                    .append(token.note()).append('\n');
        }
        return out.toString();
    }
}
