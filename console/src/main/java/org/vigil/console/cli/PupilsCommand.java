package org.vigil.console.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.vigil.console.ConsoleServices;
import org.vigil.console.export.SubjectAccessExport.SubjectAccessSummary;

/**
 * {@code pupils sar LOGIN --to FILE.zip --request TEXT [--data DIR]}: a subject access request answered from the
 * command line, the same zip and audit entry as the button on the pupil's history page. Returns the text for stdout.
 */
public final class PupilsCommand {
    private PupilsCommand() {
    }

    public static String run(List<String> args, Clock clock) throws IOException {
        AdminArguments arguments = AdminArguments.parse("pupils", args, Set.of("sar"),
                Set.of("--data", "--to", "--request"));
        String login = arguments.requireTarget("pupil's login");
        String to = arguments.options().get("--to");
        if (to == null) {
            throw new IllegalArgumentException("pupils sar needs --to FILE.zip");
        }
        try (ConsoleServices console = ConsoleServices.open(arguments.dataDir(), clock)) {
            Path file = Path.of(to);
            SubjectAccessSummary summary;
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                summary = console.subjectAccess().export(AdminArguments.cliActor(), login,
                        arguments.options().get("--request"), out);
            } catch (RuntimeException | IOException e) {
                if (!(e instanceof FileAlreadyExistsException)) {
                    Files.deleteIfExists(file);
                }
                throw e;
            }
            return "wrote " + file + ": " + summary.captures() + " captures, " + summary.screenshots()
                    + " screenshots, " + summary.alerts() + " alerts, " + summary.auditEntries() + " audit entries"
                    + " (summary.pdf, records.json; check with sha256sum -c manifest-sha256.txt)\n";
        }
    }
}
