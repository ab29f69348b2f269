package org.vigil.console.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.vigil.console.settings.Settings;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.ScreenshotStore;
import org.vigil.console.store.PurgeRule;
import org.vigil.console.store.RetentionRepository;
import org.vigil.console.store.ScreenshotRef;
import org.vigil.console.store.Transactions;

/**
 * Removes what the school's retention settings say is due (ADR 0142), skipping everything under a legal hold.
 * Work goes in small transactions, each with its tombstone in the audit log (what kind, how many, which rule; never
 * content), so ingest is never held up for long and a kill at any moment leaves every capture with its files: rows
 * go first, a screenshot file only after the commit and only when no capture uses it, and files a crash left are
 * found by the sweep at the end of the next run.
 */
public final class RetentionPurge {
    /** Captures per transaction: small enough that a capture batch from an agent never waits long for the lock. */
    static final int BATCH = 200;
    /** A file younger than this may belong to a capture whose row is not committed yet. */
    static final Duration UNUSED_FILE_AGE = Duration.ofHours(1);

    private final RetentionRepository store;
    private final ScreenshotStore files;
    private final Settings settings;
    private final AuditLog audit;
    private final Transactions transactions;
    private final Clock clock;
    private final ReleasedScreenshots released;

    public RetentionPurge(RetentionRepository store, ScreenshotStore files, Settings settings, AuditLog audit,
                          Transactions transactions, Clock clock) {
        this.store = store;
        this.files = files;
        this.settings = settings;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.released = new ReleasedScreenshots(store, files);
    }

    /** One run, by {@code actor} ("retention" for the daily run, {@code cli:<user>} on demand). */
    public PurgeReport run(String actor) {
        RetentionPolicy policy = RetentionPolicy.from(settings.values());
        Instant now = clock.instant();
        Instant fileTimeNow = Instant.now(); // files are compared with the file system's times, not the rules' clock
        Map<String, Integer> captures = new LinkedHashMap<>();
        for (PurgeRule rule : PurgeRule.values()) {
            Instant cutoff = policy.cutoff(rule, now);
            String why = policy.describe(rule);
            int removed = inBatches(fileTimeNow, () -> store.capturesDue(rule, cutoff, BATCH), ids -> {
                Set<ScreenshotRef> screenshots = store.deleteCaptures(ids);
                audit.record(actor, "retention.purge", "captures", ids.size() + " captures deleted: " + why);
                return screenshots;
            });
            captures.put(why, removed);
        }
        Instant screenshotCutoff = policy.screenshotCutoff(now);
        int screenshots = inBatches(fileTimeNow, () -> store.screenshotsDue(screenshotCutoff, BATCH), ids -> {
            Set<ScreenshotRef> cleared = store.clearScreenshots(ids);
            audit.record(actor, "retention.purge", "screenshots", ids.size() + " screenshots removed from decided"
                    + " captures after " + policy.screenshotDays() + " days");
            return cleared;
        });
        int incidents = transactions.inTransaction(() -> {
            int removed = store.deleteEmptyIncidents();
            if (removed > 0) {
                audit.record(actor, "retention.purge", "incidents", removed + " decided incidents deleted with"
                        + " their last capture");
            }
            return removed;
        });
        int unusedFiles = files.removeUnused(store::screenshotInUse, fileTimeNow.minus(UNUSED_FILE_AGE));
        return new PurgeReport(captures, screenshots, incidents, unusedFiles, purgeAudit(actor, policy, now));
    }

    private int purgeAudit(String actor, RetentionPolicy policy, Instant now) {
        return transactions.inTransaction(() -> {
            Optional<Long> through = store.auditDueThrough(policy.auditCutoff(now));
            if (through.isEmpty()) {
                return 0;
            }
            int removed = store.removeAuditThrough(through.get());
            audit.record(actor, "retention.purge", "audit_log", removed + " audit entries older than "
                    + policy.auditMonths() + " months deleted, through entry " + through.get());
            return removed;
        });
    }

    /**
     * Runs {@code work} on each batch {@code due} gives, each in its own transaction, until none is left; after each
     * commit removes the screenshot files that no capture uses any more. Returns how many items were handled.
     */
    private int inBatches(Instant runStart, Supplier<List<Long>> due,
                          Function<List<Long>, Set<ScreenshotRef>> work) {
        int handled = 0;
        for (List<Long> batch = due.get(); !batch.isEmpty(); batch = due.get()) {
            List<Long> ids = batch;
            released.remove(transactions.inTransaction(() -> work.apply(ids)), runStart);
            handled += ids.size();
        }
        return handled;
    }
}
