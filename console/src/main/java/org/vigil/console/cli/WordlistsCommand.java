package org.vigil.console.cli;

import org.vigil.console.ConsoleServices;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.vigil.console.policy.Policies;
import org.vigil.console.store.PolicyChange;
import org.vigil.console.terms.TermChange;
import org.vigil.console.terms.WordlistCsv;

/**
 * {@code wordlists log | edit CATEGORY --file F | group GROUP --file F | import FOLDER|FILE.csv | restore VERSION
 * | diff VERSION --to VERSION}
 * with {@code [--reason TEXT] [--author NAME] [--data DIR]}: IT's wordlist policy from the command line. A change
 * reaches a running console (and from it every connected agent) within seconds. A malformed list is refused with
 * the file and line of every problem, and changes nothing. An import replaces every category (group files stay).
 */
public final class WordlistsCommand {
    private WordlistsCommand() {
    }

    public static String run(List<String> args, Clock clock, String defaultAuthor) {
        AdminArguments arguments = AdminArguments.parse("wordlists", args,
                Set.of("log", "edit", "group", "import", "restore", "diff"),
                Set.of("--data", "--file", "--reason", "--author", "--to"));
        try (ConsoleServices console = ConsoleServices.open(arguments.dataDir(), arguments.database(), clock)) {
            return run(arguments, console.policies(), defaultAuthor);
        }
    }

    private static String run(AdminArguments arguments, Policies policies, String defaultAuthor) {
        String author = arguments.options().getOrDefault("--author", defaultAuthor);
        Optional<String> reason = Optional.ofNullable(arguments.options().get("--reason"));
        return switch (arguments.action()) {
            case "log" -> log(policies.changes(1000));
            case "edit" -> outcome(policies.editCategory(arguments.requireTarget("category id (e.g. gambling)"),
                    read(Path.of(require(arguments, "--file"))), author, reason));
            case "group" -> outcome(policies.editGroup(arguments.requireTarget("group id (e.g. ks2)"),
                    read(Path.of(require(arguments, "--file"))), author, reason));
            case "import" -> outcome(policies.importFiles(readImport(Path.of(arguments.requireTarget(
                    "folder of category files, or a .csv file"))), author, reason));
            case "restore" -> outcome(policies.restore(arguments.requireTarget("version (see wordlists log)"),
                    author, reason));
            default -> diff(policies.diff(arguments.requireTarget("version to compare from"),
                    require(arguments, "--to")));
        };
    }

    private static String require(AdminArguments arguments, String option) {
        String value = arguments.options().get(option);
        if (value == null) {
            throw new IllegalArgumentException(arguments.action() + " needs " + option);
        }
        return value;
    }

    private static String outcome(Policies.Outcome outcome) {
        return outcome.changed()
                ? "published policy version " + outcome.current().version() + "\n"
                : "no change: version " + outcome.current().version() + " is already in force\n";
    }

    private static String log(List<PolicyChange> changes) {
        StringBuilder out = new StringBuilder("changed at\taction\tversion\tauthor\treason\n");
        for (PolicyChange change : changes) {
            out.append(change.changedAt()).append('\t').append(change.action()).append('\t')
                    .append(change.version()).append('\t').append(change.author()).append('\t')
                    .append(change.reason().orElse("")).append('\n');
        }
        return out.toString();
    }

    private static String diff(List<TermChange> changes) {
        StringBuilder out = new StringBuilder();
        for (TermChange change : changes) {
            out.append(change.kind()).append('\t').append(change.category()).append('\t')
                    .append(change.before().orElse("-")).append('\t').append(change.after().orElse("-")).append('\n');
        }
        return out.isEmpty() ? "no term differs\n" : out.toString();
    }

    private static Map<String, String> readImport(Path source) {
        if (source.getFileName() != null && source.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return WordlistCsv.read(source.getFileName().toString(), read(source));
        }
        return readFolder(source);
    }

    private static Map<String, String> readFolder(Path folder) {
        try (Stream<Path> listing = Files.list(folder)) {
            Map<String, String> files = new TreeMap<>();
            for (Path file : listing.filter(p -> p.getFileName().toString().endsWith(".txt")).toList()) {
                files.put(file.getFileName().toString(), read(file));
            }
            if (files.isEmpty()) {
                throw new IllegalArgumentException("no *.txt wordlist files in " + folder);
            }
            return files;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the folder " + folder + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not valid UTF-8", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
