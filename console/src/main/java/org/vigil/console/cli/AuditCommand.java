package org.vigil.console.cli;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.vigil.console.ConsoleServices;
import org.vigil.console.audit.AuditChainCheck;
import org.vigil.console.audit.AuditChainReport;

/**
 * {@code audit verify [--data DIR]}: checks the audit log's hash chain (ADR 0141) and says whether it is intact,
 * or names the first entry that is not. Read-only; works whether or not the console is running.
 */
public final class AuditCommand {
    /** The exit status when the chain is broken: a check that found something, not a usage error. */
    public static final int BROKEN = 3;

    private AuditCommand() {
    }

    /** The line for stdout and the exit status: 0 intact, {@link #BROKEN} broken. */
    public record Outcome(String text, int exitStatus) {
    }

    public static Outcome run(List<String> args, Clock clock) {
        AdminArguments arguments = AdminArguments.parse("audit", args, Set.of("verify"), Set.of("--data"));
        try (ConsoleServices console = ConsoleServices.open(arguments.dataDir(), arguments.database(), clock)) {
            AuditChainReport report = new AuditChainCheck(console.audit()).run();
            String head = console.audit().head().map(h -> "chain head: entry " + h.lastId() + " " + h.lastHash() + "\n")
                    .orElse("");
            return new Outcome(report.describe() + "\n" + (report.intact() ? head : ""),
                    report.intact() ? 0 : BROKEN);
        }
    }
}
