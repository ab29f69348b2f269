package org.vigil.console.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigil.console.ConsoleServices;
import org.vigil.console.holds.LegalHolds;
import org.vigil.console.store.LegalHold;

/**
 * {@code holds place --capture ID | --incident ID | --pupil LOGIN --reason TEXT | lift ID --reason TEXT | list |
 * export ID --to FILE.zip --justification TEXT} with {@code [--data DIR]}: legal holds, through the same rules and
 * audit log as the capture page. Returns the text for stdout.
 */
public final class HoldsCommand {
    private static final Map<String, LegalHold.Scope> SCOPES = Map.of("--capture", LegalHold.Scope.CAPTURE,
            "--incident", LegalHold.Scope.INCIDENT, "--pupil", LegalHold.Scope.PUPIL);

    private HoldsCommand() {
    }

    public static String run(List<String> args, Clock clock) throws IOException {
        AdminArguments arguments = AdminArguments.parse("holds", args, Set.of("place", "lift", "list", "export"),
                Set.of("--data", "--capture", "--incident", "--pupil", "--reason", "--to", "--justification"));
        try (ConsoleServices console = ConsoleServices.open(arguments.dataDir(), arguments.database(), clock)) {
            LegalHolds holds = console.holds();
            String actor = AdminArguments.cliActor();
            Map<String, String> options = arguments.options();
            return switch (arguments.action()) {
                case "place" -> {
                    List<String> given = SCOPES.keySet().stream().filter(options::containsKey).sorted().toList();
                    if (given.size() != 1) {
                        throw new IllegalArgumentException("holds place needs one of --capture ID, --incident ID or"
                                + " --pupil LOGIN");
                    }
                    long id = holds.place(actor, SCOPES.get(given.get(0)), options.get(given.get(0)),
                            options.get("--reason"));
                    yield "placed hold " + id + ": nothing it covers is purged or deleted until it is lifted\n";
                }
                case "lift" -> {
                    long id = holdId(arguments);
                    holds.lift(actor, id, options.get("--reason"));
                    yield "lifted hold " + id + "\n";
                }
                case "export" -> export(holds, actor, holdId(arguments), options);
                default -> list(holds.inForce());
            };
        }
    }

    private static String export(LegalHolds holds, String actor, long id, Map<String, String> options)
            throws IOException {
        String to = options.get("--to");
        if (to == null) {
            throw new IllegalArgumentException("holds export needs --to FILE.zip");
        }
        Path file = Path.of(to);
        int captures;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
            captures = holds.export(actor, id, options.get("--justification"), out);
        } catch (RuntimeException | IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        return "wrote " + file + ": " + captures + " captures, checked by manifest-sha256.txt (sha256sum -c)\n";
    }

    private static long holdId(AdminArguments arguments) {
        String id = arguments.requireTarget("hold id (see holds list)");
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a hold id is a whole number (see holds list), got " + id);
        }
    }

    private static String list(List<LegalHold> holds) {
        StringBuilder out = new StringBuilder("id\ton\tplaced\tby\treason\n");
        for (LegalHold hold : holds) {
            out.append(hold.id()).append('\t').append(hold.describeTarget()).append('\t').append(hold.placedAt())
                    .append('\t').append(hold.placedBy()).append('\t').append(hold.reason()).append('\n');
        }
        return out.toString();
    }
}
