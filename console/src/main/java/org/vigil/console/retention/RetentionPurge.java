package org.vigil.console.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.vigil.console.settings.Settings;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.School;
import org.vigil.console.store.ScreenshotStore;
import org.vigil.console.store.PurgeRule;
import org.vigil.console.store.PurgedRows;
import org.vigil.console.store.RetentionRepository;
import org.vigil.console.store.Transactions;

/**
 * Removes what the school's retention settings say is due (ADR 0142), skipping everything under a legal hold.
 * Work goes in small transactions, each with its tombstone in the audit log (what kind, how many, which rule; never
 * content), so ingest is never held up for long and a kill at any moment leaves every capture with its files: rows
 * go first, a screenshot file only after the commit and only when no capture uses it, and files a crash left are
 * found by the sweep at the end of the next run.
 */
public final class RetentionPurge {
    /**
     * Captures per transaction. Each batch is a handful of set-based statements (ADR 0144), so its cost is mostly
     * per row (the captures' indexes, the report aggregates' triggers) plus one commit; this size was chosen by
     * measuring ingest's ack p99 during a purge against the purge's speed (bench/README.md, "Retention purge").
     */
    public static final int BATCH = 200;
    /** The most a batch may hold: every id is one bound parameter of an IN list. */
    public static final int MAX_BATCH = RetentionRepository.MAX_IN_LIST;
    /** A file younger than this may belong to a capture whose row is not committed yet. */
    static final Duration UNUSED_FILE_AGE = Duration.ofHours(1);

    private final RetentionRepository store;
    private final ScreenshotStore files;
    private final Settings settings;
    private final Supplier<List<School>> schools;
    private final AuditLog audit;
    private final Transactions transactions;
    private final Clock clock;
    private final ReleasedScreenshots released;
    private final int batchSize;

    public RetentionPurge(RetentionRepository store, ScreenshotStore files, Settings settings,
                          Supplier<List<School>> schools, AuditLog audit, Transactions transactions, Clock clock) {
        this(store, files, settings, schools, audit, transactions, clock, BATCH);
    }

    private RetentionPurge(RetentionRepository store, ScreenshotStore files, Settings settings,
                           Supplier<List<School>> schools, AuditLog audit, Transactions transactions, Clock clock,
                           int batchSize) {
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new IllegalArgumentException("a purge batch is 1 to " + MAX_BATCH + " captures, not " + batchSize);
        }
        this.batchSize = batchSize;
        this.store = store;
        this.files = files;
        this.settings = settings;
        this.schools = schools;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
        this.released = new ReleasedScreenshots(store, files);
    }

    /** The same purge working in batches of {@code size} captures (the benchmark compares sizes with it). */
    public RetentionPurge withBatchSize(int size) {
        return new RetentionPurge(store, files, settings, schools, audit, transactions, clock, size);
    }

    /**
     * One run, by {@code actor} ("retention" for the daily run, {@code cli:<user>} on demand). On a console of
     * several schools each school's captures go by that school's own policy (ADR 0191), and each tombstone names the
     * school; the audit log, one chain for the console, goes by the trust's.
     */
    public PurgeReport run(String actor) {
        Instant now = clock.instant();
        Instant fileTimeNow = Instant.now(); // files are compared with the file system's times, not the rules' clock
        Map<String, Integer> captures = new LinkedHashMap<>();
        int screenshots = 0;
        List<School> all = schools.get();
        if (all.size() <= 1) {
            long only = all.isEmpty() ? School.FIRST : all.get(0).id();
            screenshots = purgeCaptures(actor, RetentionPolicy.from(settings.values(only)), Optional.empty(), now,
                    fileTimeNow, captures);
        } else {
            for (School school : all) {
                screenshots += purgeCaptures(actor, RetentionPolicy.from(settings.values(school.id())),
                        Optional.of(school), now, fileTimeNow, captures);
            }
        }
        RetentionPolicy policy = RetentionPolicy.from(settings.values());
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

    /**
     * Removes the captures and screenshots the policy makes due: of one school when {@code school} is given (its
     * tombstones name it), else of the whole console. Adds the captures removed per rule to {@code captures};
     * returns how many screenshots were cleared.
     */
    private int purgeCaptures(String actor, RetentionPolicy policy, Optional<School> school, Instant now,
                              Instant fileTimeNow, Map<String, Integer> captures) {
        String of = school.map(s -> "school " + s.code() + ": ").orElse("");
        for (PurgeRule rule : PurgeRule.values()) {
            Instant cutoff = policy.cutoff(rule, now);
            String why = policy.describe(rule);
            int removed = inBatches(fileTimeNow, () -> school.isEmpty() ? store.capturesDue(rule, cutoff, batchSize)
                    : store.capturesDue(rule, cutoff, school.get().id(), batchSize), ids -> {
                PurgedRows deleted = store.deleteCaptures(ids);
                audit.record(actor, "retention.purge", "captures", of + deleted.count() + " captures deleted: " + why);
                return deleted;
            });
            captures.put(of + why, removed);
        }
        Instant screenshotCutoff = policy.screenshotCutoff(now);
        return inBatches(fileTimeNow, () -> school.isEmpty() ? store.screenshotsDue(screenshotCutoff, batchSize)
                : store.screenshotsDue(screenshotCutoff, school.get().id(), batchSize), ids -> {
            PurgedRows cleared = store.clearScreenshots(ids);
            audit.record(actor, "retention.purge", "screenshots", of + cleared.count() + " screenshots removed from"
                    + " decided captures after " + policy.screenshotDays() + " days");
            return cleared;
        });
    }

    /**
     * Removes the audit entries past the audit log's retention, oldest first, {@code batchSize} a transaction with
     * a tombstone each, so a backlog of millions never holds the write lock for long (ADR 0144). Each batch moves
     * the chain's tail on, so the chain checks from the first entry kept whenever a run stops.
     */
    private int purgeAudit(String actor, RetentionPolicy policy, Instant now) {
        Optional<Long> through = store.auditDueThrough(policy.auditCutoff(now));
        if (through.isEmpty()) {
            return 0;
        }
        int removed = 0;
        for (int batch = removeAuditBatch(actor, policy, through.get()); batch > 0;
             batch = removeAuditBatch(actor, policy, through.get())) {
            removed += batch;
        }
        return removed;
    }

    private int removeAuditBatch(String actor, RetentionPolicy policy, long through) {
        return transactions.inTransaction(() -> {
            Optional<Long> batchEnd = store.auditBatchEnd(through, batchSize);
            if (batchEnd.isEmpty()) {
                return 0;
            }
            int removed = store.removeAuditThrough(batchEnd.get());
            audit.record(actor, "retention.purge", "audit_log", removed + " audit entries older than "
                    + policy.auditMonths() + " months deleted, through entry " + batchEnd.get());
            return removed;
        });
    }

    /**
     * Runs {@code work} on each batch {@code due} gives until none is left, each batch read and worked in one
     * transaction: what is due is read under the write lock, so a hold placed a moment before is seen and a second
     * run at the same time (the daily one and {@code retention run}) never takes the same captures twice (ADR 0144).
     * After each commit removes the screenshot files no capture uses any more. Returns how many items were handled.
     */
    private int inBatches(Instant runStart, Supplier<List<Long>> due, Function<List<Long>, PurgedRows> work) {
        int handled = 0;
        while (true) {
            Optional<PurgedRows> batch = transactions.inTransaction(() -> {
                List<Long> ids = due.get();
                return ids.isEmpty() ? Optional.<PurgedRows>empty() : Optional.of(work.apply(ids));
            });
            if (batch.isEmpty()) {
                return handled;
            }
            released.remove(batch.get().screenshots(), runStart);
            handled += batch.get().count();
        }
    }
}
