package org.vigil.console.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.ConsoleServices;
import org.vigil.console.export.SubjectAccessExport.SubjectAccessSummary;
import org.vigil.console.export.SubjectAccessSchool;
import org.vigil.console.pupils.DirectorySync;
import org.vigil.console.pupils.ImportCounts;
import org.vigil.console.pupils.MisCsv;
import org.vigil.console.pupils.MisFile;
import org.vigil.console.pupils.PupilDirectory;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolScope;

/**
 * {@code pupils sar LOGIN --to FILE.zip --request TEXT [--school CODE] [--data DIR]}: a subject access request
 * answered from the command line, the same zip and audit entry as the button on the pupil's history page; one
 * school's pupil, named when the login is a pupil's at more than one school.
 * {@code pupils import FILE.csv [--data DIR]}: a full pupil list from the MIS, as the Pupils page imports it (ADR
 * 0151). {@code pupils sync [--data DIR]}: one run of the directory sync set up in the data directory's
 * {@code pupil-sync.properties}. Returns the text for stdout.
 */
public final class PupilsCommand {
    private PupilsCommand() {
    }

    public static String run(List<String> args, Clock clock) throws IOException {
        AdminArguments arguments = AdminArguments.parse("pupils", args, Set.of("sar", "import", "sync"),
                Set.of("--data", "--to", "--request", "--school"));
        if (arguments.action().equals("import")) {
            return importFile(arguments, clock);
        }
        if (arguments.action().equals("sync")) {
            try (ConsoleServices console = ConsoleServices.open(arguments.dataDir(), arguments.database(), clock)) {
                DirectorySync.SyncOutcome outcome = console.directorySync(System.getenv())
                        .run(AdminArguments.cliActor());
                return "synced pupils from the directory: " + outcome + "\n";
            }
        }
        String login = arguments.requireTarget("pupil's login");
        String to = arguments.options().get("--to");
        if (to == null) {
            throw new IllegalArgumentException("pupils sar needs --to FILE.zip");
        }
        try (ConsoleServices console = ConsoleServices.open(arguments.dataDir(), arguments.database(), clock)) {
            // --school CODE: that school's pupil (ADR 0206); needed when the login is a pupil's at several schools
            Optional<Long> named = Optional.ofNullable(arguments.options().get("--school"))
                    .map(code -> console.schools().byCode(code).id());
            SchoolScope school = new SubjectAccessSchool(console.schoolRepository())
                    .of(login, named, SchoolScope.ONE_SCHOOL_CONSOLE).orElseThrow();
            Path file = Path.of(to);
            SubjectAccessSummary summary;
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW)) {
                summary = console.subjectAccess().export(AdminArguments.cliActor(), login, school,
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

    private static String importFile(AdminArguments arguments, Clock clock) throws IOException {
        Path file = Path.of(arguments.requireTarget("CSV file exported from the MIS"));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        var pupils = MisCsv.read(MisFile.decode(bytes));
        try (ConsoleServices console = ConsoleServices.open(arguments.dataDir(), arguments.database(), clock)) {
            Optional<String> code = Optional.ofNullable(arguments.options().get("--school"));
            // no --school: the first school, a one-school console's only one (ADR 0205)
            School school = console.schools().chosen(code, SchoolScope.ONE_SCHOOL_CONSOLE);
            ImportCounts counts = console.directory().importFull(AdminArguments.cliActor(), school.id(),
                    PupilDirectory.CSV, pupils);
            return "imported " + file + code.map(c -> " into " + school.name()).orElse("") + ": " + counts + "\n";
        }
    }
}
