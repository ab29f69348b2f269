package org.vigil.console.cli;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.vigil.console.ConsoleServices;
import org.vigil.console.schools.Schools;
import org.vigil.console.store.School;

/**
 * {@code schools create CODE --name NAME | list} with {@code [--data DIR]}: the console's schools (ADR 0175), through
 * the same rules and audit log as the schools page. Returns the text for stdout.
 */
public final class SchoolsCommand {
    private SchoolsCommand() {
    }

    public static String run(List<String> args, Clock clock) {
        AdminArguments arguments = AdminArguments.parse("schools", args, Set.of("create", "list"),
                Set.of("--data", "--name"));
        try (ConsoleServices console = ConsoleServices.open(arguments.dataDir(), arguments.database(), clock)) {
            Schools schools = console.schools();
            if (arguments.action().equals("create")) {
                String code = arguments.requireTarget("school's code (e.g. st-marys)");
                String name = arguments.options().get("--name");
                if (name == null) {
                    throw new IllegalArgumentException("schools create needs --name NAME");
                }
                School school = schools.create(AdminArguments.cliActor(), code, name);
                return "added school " + school.code() + " (" + school.name() + "), id " + school.id()
                        + ": make its tokens with tokens create --school " + school.code() + "\n";
            }
            StringBuilder out = new StringBuilder("id\tcode\tname\n");
            for (School school : schools.list()) {
                out.append(school.id()).append('\t').append(school.code()).append('\t').append(school.name())
                        .append('\n');
            }
            return out.toString();
        }
    }
}
