package org.vigil.console.alerts.it;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.auth.Role;
import org.vigil.console.devices.DeviceHealth;
import org.vigil.console.devices.DeviceState;
import org.vigil.console.devices.DeviceStatus;
import org.vigil.console.devices.ExpectedPolicy;
import org.vigil.console.settings.SchoolSettings;
import org.vigil.console.settings.Settings;
import org.vigil.console.store.AlertKind;
import org.vigil.console.store.AlertRecipient;
import org.vigil.console.store.AlertRepository;
import org.vigil.console.store.DevicePlacement;
import org.vigil.console.store.DeviceProblem;
import org.vigil.console.store.DeviceProblemRepository;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.DeviceSummary;
import org.vigil.console.store.Hashes;
import org.vigil.console.store.NewAlert;
import org.vigil.console.store.OpenProblem;
import org.vigil.console.store.ReportedDrops;
import org.vigil.console.store.Transactions;
import org.vigil.proto.WireNames;

/**
 * One round of the IT check (ADR 0105). Finds devices that are silent (no heartbeat for their own school's (ADR 0204)
 * {@code it.silent_minutes}, and their agent did not say it was stopping; never-connected and revoked devices are
 * not silent), whose spool dropped screenshots or events since IT was last told, or that are behind on policy while
 * heard from, for more than {@link #BEHIND_FOR}, or whose device service reports a session helper stopped without
 * signing off (tamper: killed, or crashed; named by time, and by the pupil's login only where the school lets
 * alerts name pupils). Each problem is remembered with the time it began; a problem that
 * ends is forgotten, so the same device failing again is news again.
 *
 * <p>Batching: problems not yet told go into ONE email per IT_ADMIN address, at most one batch per
 * {@link #BATCH_GAP}; whatever turns up meanwhile waits for the next batch. Each email names only the devices of
 * the schools its user works for (ADR 0192: the device's school's IT, trust-level IT who chose it, and admins); a
 * problem whose school has no IT with an address waits, untold, until one has. The batch, the outbox rows and the
 * marks of what was told commit in one transaction; its dedupe key is a hash of the problems it names, so a second
 * console instance running the same round queues nothing more.
 */
public final class ItAlertCheck {
    /** How long a device may run an old policy while it is heard from before IT is told. */
    public static final Duration BEHIND_FOR = Duration.ofDays(1);
    /** The least time between two IT emails. */
    public static final Duration BATCH_GAP = Duration.ofMinutes(15);
    /** How often the console runs the check ({@code vigil-it-alerts} on /healthz). */
    public static final Duration PERIOD = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(ItAlertCheck.class);

    private final DeviceRepository devices;
    private final ExpectedPolicy expected;
    private final Settings settings;
    private final DeviceProblemRepository problems;
    private final AlertRepository alerts;
    private final Transactions transactions;
    private final ItAlertEmail email;
    private final Clock clock;
    private final List<Runnable> queuedListeners = new CopyOnWriteArrayList<>();

    public ItAlertCheck(DeviceRepository devices, ExpectedPolicy expected, Settings settings,
                        DeviceProblemRepository problems, AlertRepository alerts, Transactions transactions,
                        ItAlertEmail email, Clock clock) {
        this.devices = devices;
        this.expected = expected;
        this.settings = settings;
        this.problems = problems;
        this.alerts = alerts;
        this.transactions = transactions;
        this.email = email;
        this.clock = clock;
    }

    /** Runs the action after each commit that queued IT emails (the email sender's wake-up). */
    public void onQueued(Runnable action) {
        queuedListeners.add(action);
    }

    /**
     * Looks at every device once, remembers what is wrong, and queues a batch if one is due.
     *
     * @return how many problems the batch queued now names (0: none queued)
     */
    public int run() {
        Instant now = clock.instant();
        SchoolSettings school = settings.current();
        Function<String, SchoolSettings> settingsOf = settingsOfDevice();
        Map<Duration, DeviceHealth> health = new HashMap<>();
        List<DeviceStatus> statuses = devices.list().stream().map(device -> health.computeIfAbsent(
                settingsOf.apply(device.id()).silentDeviceAfter(), after -> new DeviceHealth(after, expected))
                .judge(device, now)).toList();
        return transactions.inTransaction(() -> round(statuses, school, settingsOf, now));
    }

    /** Each device's school's settings (ADR 0204: its own silent minutes), from one query for every device. */
    private Function<String, SchoolSettings> settingsOfDevice() {
        Map<String, DevicePlacement> placements = devices.placements();
        Map<Long, SchoolSettings> bySchool = new HashMap<>();
        return deviceId -> bySchool.computeIfAbsent(
                placements.getOrDefault(deviceId, DevicePlacement.DEFAULT).schoolId(), settings::current);
    }

    private int round(List<DeviceStatus> statuses, SchoolSettings school,
                      Function<String, SchoolSettings> settingsOf, Instant now) {
        Map<String, DeviceStatus> byId = statuses.stream()
                .collect(Collectors.toMap(s -> s.device().id(), Function.identity()));
        Map<String, ReportedDrops> drops = problems.reportedDrops();
        for (DeviceStatus status : statuses) {
            String id = status.device().id();
            if (status.state() == DeviceState.SILENT) {
                problems.found(id, DeviceProblem.SILENT, status.device().lastSeenAt().orElseThrow());
            }
            if (status.behind() && heardFrom(status)) {
                problems.found(id, DeviceProblem.BEHIND, now);
            }
            if (newDrops(status, drops).isPresent()) {
                problems.found(id, DeviceProblem.SPOOL_DROPS, now);
            }
            if (tampered(status)) {
                problems.found(id, DeviceProblem.TAMPER, now);
            }
        }
        List<OpenProblem> open = new ArrayList<>();
        for (OpenProblem problem : problems.open()) {
            if (stillThere(problem, byId.get(problem.deviceId()), drops)) {
                open.add(problem);
            } else {
                problems.resolved(problem.deviceId(), problem.problem());
            }
        }
        List<OpenProblem> due = open.stream().filter(p -> p.reportedAt().isEmpty())
                .filter(p -> due(p, byId.get(p.deviceId()), now)).toList();
        if (due.isEmpty()) {
            return 0;
        }
        Optional<Instant> last = problems.lastBatch();
        if (last.isPresent() && now.isBefore(last.get().plus(BATCH_GAP))) {
            return 0; // the next batch takes these too
        }
        Map<String, Long> schoolOf = new HashMap<>();
        Map<Long, List<AlertRecipient>> itOfSchool = new HashMap<>();
        Function<OpenProblem, List<AlertRecipient>> itOf = p -> itOfSchool.computeIfAbsent(
                schoolOf.computeIfAbsent(p.deviceId(), alerts::schoolOfDevice),
                id -> alerts.recipientsWithRole(Role.IT_ADMIN.name(), id));
        List<OpenProblem> told = due.stream().filter(p -> !itOf.apply(p).isEmpty()).toList();
        if (told.isEmpty()) {
            LOG.debug("{} device problems to tell IT, but no enabled IT_ADMIN user of their school has an email"
                    + " address", due.size());
            return 0;
        }
        String dedupeKey = dedupeKey(told);
        if (!problems.batchQueued(dedupeKey, now, told.size())) {
            return 0;
        }
        Collection<Mailbox> mailboxes = mailboxes(told, open, itOf);
        List<NewAlert> emails = new ArrayList<>();
        for (Mailbox mailbox : mailboxes) {
            List<ItFinding> findings = mailbox.problems().stream()
                    .map(p -> finding(p, byId.get(p.deviceId()), drops, settingsOf.apply(p.deviceId())))
                    .toList();
            ItAlertEmail.Message message = email.compose(findings, mailbox.stillOpen(), school.zone());
            emails.add(NewAlert.composedEmail(UUID.randomUUID().toString(), AlertKind.IT, dedupeKey,
                    mailbox.to().userId(), mailbox.to().email(), message.subject(), message.body()));
        }
        alerts.insert(emails);
        for (OpenProblem problem : told) {
            if (problem.problem() == DeviceProblem.SPOOL_DROPS) {
                DeviceSummary device = byId.get(problem.deviceId()).device();
                problems.dropsReported(device.id(), new ReportedDrops(device.screenshotsDropped(),
                        device.eventsDropped()));
                problems.resolved(device.id(), DeviceProblem.SPOOL_DROPS);
            } else {
                problems.reported(problem.deviceId(), problem.problem(), now);
            }
        }
        LOG.info("IT told of {} device problems, by email to {} IT_ADMIN address(es)", told.size(),
                mailboxes.size());
        transactions.afterCommit(() -> queuedListeners.forEach(Runnable::run));
        return told.size();
    }

    /** Heard from lately, so what it reports is current (a silent or stopped device's policy is stale). */
    private static boolean heardFrom(DeviceStatus status) {
        return status.state() == DeviceState.ACTIVE || status.state() == DeviceState.NOT_MONITORING;
    }

    private static boolean stillThere(OpenProblem problem, DeviceStatus status, Map<String, ReportedDrops> told) {
        if (status == null || status.state() == DeviceState.REVOKED) {
            return false;
        }
        return switch (problem.problem()) {
            case SILENT -> status.state() == DeviceState.SILENT;
            // a device switched off while behind stays behind: its clock runs on
            case BEHIND -> status.behind();
            case SPOOL_DROPS -> newDrops(status, told).isPresent();
            case TAMPER -> tampered(status);
        };
    }

    /** Its last report names a helper gone without signing off; a revoked device's last word is not news. */
    private static boolean tampered(DeviceStatus status) {
        return status.state() != DeviceState.REVOKED && !status.helperTamper().isEmpty();
    }

    private static boolean due(OpenProblem problem, DeviceStatus status, Instant now) {
        return problem.problem() != DeviceProblem.BEHIND
                || (heardFrom(status) && !problem.since().isAfter(now.minus(BEHIND_FOR)));
    }

    /**
     * Drops beyond those IT was told of. Counts are cumulative; a count below the told one means the agent's spool
     * was made again, so all of it is new.
     */
    private static Optional<ReportedDrops> newDrops(DeviceStatus status, Map<String, ReportedDrops> told) {
        DeviceSummary device = status.device();
        ReportedDrops before = told.getOrDefault(device.id(), ReportedDrops.NONE);
        long screenshots = beyond(device.screenshotsDropped(), before.screenshots());
        long events = beyond(device.eventsDropped(), before.events());
        return screenshots + events > 0 ? Optional.of(new ReportedDrops(screenshots, events)) : Optional.empty();
    }

    private static long beyond(long now, long told) {
        return now >= told ? now - told : now;
    }

    private static ItFinding finding(OpenProblem problem, DeviceStatus status, Map<String, ReportedDrops> told,
                                     SchoolSettings school) {
        String what = switch (problem.problem()) {
            case SILENT -> "silent: no heartbeat for over " + school.silentDeviceAfter().toMinutes()
                    + " minutes, and its agent did not say it was stopping";
            case SPOOL_DROPS -> {
                ReportedDrops drops = newDrops(status, told).orElse(ReportedDrops.NONE);
                yield "its spool was full and dropped " + drops.screenshots() + " screenshot(s) and "
                        + drops.events() + " event(s)";
            }
            case BEHIND -> "behind on policy: runs " + status.shortPolicy().orElse("?") + " instead of "
                    + status.shortExpectedPolicy().orElse("?");
            case TAMPER -> tamper(status, school.pupilNamesInAlerts());
        };
        return new ItFinding(status, problem.problem(), what, problem.since());
    }

    /**
     * "possible tamper: …", each helper as its service worded it, or without the pupil's login where the school's
     * alerts do not name pupils. Times only, never what was typed.
     */
    static String tamper(DeviceStatus status, boolean namePupils) {
        List<String> helpers = status.helperTamper().stream().map(report -> namePupils ? report
                : "a session helper" + report.substring(report.indexOf(WireNames.HELPER_TAMPER_MIDDLE))).toList();
        return "possible tamper: " + String.join("; ", helpers)
                + " (killed or crashed while its session was open; monitoring resumes when it starts again)";
    }

    /** The same problems (device, kind, since) make the same key, whichever instance or round queues them. */
    private static String dedupeKey(List<OpenProblem> due) {
        String named = due.stream().map(p -> p.deviceId() + "|" + p.problem() + "|" + p.since().toEpochMilli())
                .sorted().collect(Collectors.joining("\n"));
        return "it:" + Hashes.sha256Hex(named).substring(0, 32);
    }

    /**
     * One email per address (a shared IT mailbox given to two users gets one), naming the problems of the devices
     * of the schools its users work for (ADR 0192), and how many such problems IT was told of before and are open.
     */
    private static Collection<Mailbox> mailboxes(List<OpenProblem> told, List<OpenProblem> open,
                                                 Function<OpenProblem, List<AlertRecipient>> itOf) {
        Map<String, Mailbox> byAddress = new LinkedHashMap<>();
        for (OpenProblem problem : told) {
            for (AlertRecipient to : itOf.apply(problem)) {
                byAddress.computeIfAbsent(to.email().toLowerCase(Locale.ROOT), address -> new Mailbox(to))
                        .add(problem);
            }
        }
        for (OpenProblem problem : open) {
            if (problem.reportedAt().isPresent()) {
                Set<String> addresses = new HashSet<>();
                itOf.apply(problem).forEach(to -> addresses.add(to.email().toLowerCase(Locale.ROOT)));
                addresses.stream().map(byAddress::get).filter(Objects::nonNull).forEach(Mailbox::countStillOpen);
            }
        }
        return byAddress.values();
    }

    /** Whom one IT email goes to, what it names, and how many problems told before are still open for them. */
    private static final class Mailbox {
        private final AlertRecipient to;
        private final Set<OpenProblem> problems = new LinkedHashSet<>();
        private int stillOpen;

        Mailbox(AlertRecipient to) {
            this.to = to;
        }

        AlertRecipient to() {
            return to;
        }

        List<OpenProblem> problems() {
            return List.copyOf(problems);
        }

        int stillOpen() {
            return stillOpen;
        }

        void add(OpenProblem problem) {
            problems.add(problem);
        }

        void countStillOpen() {
            stillOpen++;
        }
    }
}
