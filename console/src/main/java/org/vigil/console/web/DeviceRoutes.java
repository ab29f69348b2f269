package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.vigil.console.alerts.UndeliveredAlerts;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.devices.DeviceHealth;
import org.vigil.console.devices.DeviceRevocation;
import org.vigil.console.devices.DeviceState;
import org.vigil.console.devices.DeviceStatus;
import org.vigil.console.devices.SchoolMoves;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.CleanStop;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.DeviceSummary;
import org.vigil.console.store.NoticeShown;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.policy.GroupMembership;

/**
 * /devices for IT and the DSL: every enrolled device with its health, spool and policy state, filtered by state,
 * with counts; and revocation behind a confirmation page that asks for a reason. Never capture content. Views and
 * revocations are audit-logged (the list names pupils' accounts).
 */
public final class DeviceRoutes {
    private static final Set<Role> ROLES = EnumSet.of(Role.IT_ADMIN, Role.DSL);

    private final DeviceRepository devices;
    private final DeviceHealth health;
    private final DeviceRevocation revocation;
    private final GroupMembership membership;
    private final Supplier<SortedSet<String>> groups;
    private final AuditLog audit;
    private final WebAuth auth;
    private final Templates templates;
    private final Flash flash;
    private final Clock clock;
    private final UndeliveredAlerts undelivered;
    private final Supplier<Map<String, NoticeShown>> noticesShown;
    private final SchoolRepository schools;
    private final OutOfScope outOfScope;
    private final SchoolMoves moves;

    /**
     * @param groups      the groups of the policy in force, which devices may be moved into
     * @param noticesShown the latest sign-in notice each device showed (ADR 0113), by device id
     * @param undelivered alerts waiting per channel, shown at the top (IT fixes the mail server)
     */
    public DeviceRoutes(DeviceRepository devices, DeviceHealth health, DeviceRevocation revocation,
                        GroupMembership membership, Supplier<SortedSet<String>> groups, AuditLog audit, WebAuth auth,
                        Templates templates, Flash flash, Clock clock,
                        Supplier<Map<String, NoticeShown>> noticesShown, UndeliveredAlerts undelivered,
                        SchoolRepository schools, OutOfScope outOfScope, SchoolMoves moves) {
        this.moves = moves;
        this.schools = schools;
        this.outOfScope = outOfScope;
        this.undelivered = undelivered;
        this.noticesShown = noticesShown;
        this.devices = devices;
        this.health = health;
        this.revocation = revocation;
        this.membership = membership;
        this.groups = groups;
        this.audit = audit;
        this.auth = auth;
        this.templates = templates;
        this.flash = flash;
        this.clock = clock;
    }

    public static String revokeHref(String deviceId) {
        return "/devices/" + URLEncoder.encode(deviceId, StandardCharsets.UTF_8) + "/revoke";
    }

    public void register(RoutesConfig routes) {
        routes.get("/devices", auth.page(ROLES, this::list));
        routes.get("/devices/{id}/revoke", auth.page(ROLES, this::confirmRevoke));
        routes.post("/devices/{id}/revoke", auth.form(ROLES, this::revoke));
        routes.post("/devices/{id}/group", auth.form(ROLES, this::move));
        routes.post("/devices/{id}/school", auth.form(EnumSet.of(Role.IT_ADMIN), this::moveSchool));
    }

    public static String moveHref(String deviceId) {
        return "/devices/" + URLEncoder.encode(deviceId, StandardCharsets.UTF_8) + "/group";
    }

    private void move(Context ctx, Session session) {
        String id = ctx.pathParam("id");
        Optional<String> group = Params.nonBlank(ctx.formParam("group"));
        if (find(id, session).isEmpty() && outOfScope.refused(ctx, session, "device:" + id,
                schools.schoolOfDevice(id))) {
            return;
        }
        Refusals.showOn(ctx, refused -> message(ctx, session, HttpStatus.BAD_REQUEST, "Bad request",
                refused.getMessage() + ": nothing changed."));
        if (!membership.move(id, group, session.username())) {
            message(ctx, session, HttpStatus.NOT_FOUND, "Not found", "There is no such device: nothing changed.");
            return;
        }
        flash.put(session, "Moved " + id + " to " + group.orElse("no group")
                + "; if it is connected it is sent its group's lists now.");
        ctx.redirect("/devices", HttpStatus.SEE_OTHER);
    }

    /**
     * To another school, for IT who work for both (ADR 0198): another school's device, or a school that is not
     * theirs, is an audited 403.
     */
    private void moveSchool(Context ctx, Session session) {
        String id = ctx.pathParam("id");
        if (find(id, session).isEmpty() && outOfScope.refused(ctx, session, "device:" + id,
                schools.schoolOfDevice(id))) {
            return;
        }
        String code = Params.nonBlank(ctx.formParam("school")).orElse("");
        Optional<School> to = schools.findByCode(code);
        if ((to.isEmpty() || !session.scope().includes(to.get().id()))
                && outOfScope.refused(ctx, session, "school:" + code, to.map(School::id))) {
            return;
        }
        Refusals.showOn(ctx, refused -> message(ctx, session, HttpStatus.BAD_REQUEST, "Bad request",
                refused.getMessage() + " Nothing changed."));
        SchoolMoves.Moved moved = moves.move(session.username(), session.scope(), id, code);
        flash.put(session, "Moved " + id + " from " + moved.from().name() + " to " + moved.to().name()
                + moved.groupLeft().map(group -> ", out of group " + group).orElse("") + ". Its captures so far stay"
                + " with " + moved.from().name() + "; new ones belong to " + moved.to().name() + ".");
        ctx.redirect("/devices", HttpStatus.SEE_OTHER);
    }

    /** Each device's school and the schools to move to, for IT of two schools or more. */
    private DeviceSchools deviceSchools(Session session) {
        List<School> mine = schools.list().stream().filter(school -> session.scope().includes(school.id())).toList();
        if (mine.size() < 2) {
            return DeviceSchools.NONE;
        }
        Map<Long, School> byId = mine.stream().collect(Collectors.toMap(School::id, school -> school));
        Map<String, School> byDevice = new HashMap<>();
        schools.schoolsOfDevices(session.scope()).forEach((device, school) -> Optional.ofNullable(byId.get(school))
                .ifPresent(found -> byDevice.put(device, found)));
        return new DeviceSchools(mine, byDevice);
    }

    private void list(Context ctx, Session session) {
        Optional<DeviceFilter> filter = DeviceFilter.parse(ctx.queryParam("show"));
        if (filter.isEmpty()) {
            message(ctx, session, HttpStatus.BAD_REQUEST, "Bad request",
                    "There is no such list of devices. Show all, stopped, silent, not-monitoring, never, behind or"
                            + " revoked.");
            return;
        }
        Instant now = clock.instant();
        List<DeviceStatus> statuses = health.judge(devices.list(session.scope()), now);
        audit.record(session.username(), "devices.view", "devices:" + filter.get().param());
        Map<String, NoticeShown> notices = noticesShown.get();
        List<DevicesPage.Row> rows = statuses.stream().filter(filter.get()::accepts)
                .map(s -> row(s, now, Optional.ofNullable(notices.get(s.device().id())))).toList();
        templates.render(ctx, "devices.jte", new DevicesPage(PageHeader.signedIn("Devices", session),
                counts(statuses), filter.get(), rows, List.copyOf(groups.get()), health.silentAfter().toHours(),
                flash.take(session), alertsWaiting(now), deviceSchools(session)));
    }

    private void confirmRevoke(Context ctx, Session session) {
        Optional<DeviceStatus> device = find(ctx.pathParam("id"), session);
        if (device.isEmpty() && outOfScope.refused(ctx, session, "device:" + ctx.pathParam("id"),
                schools.schoolOfDevice(ctx.pathParam("id")))) {
            return;
        }
        if (device.isEmpty()) {
            message(ctx, session, HttpStatus.NOT_FOUND, "Not found", "There is no such device.");
            return;
        }
        renderConfirm(ctx, session, device.get(), "", Optional.empty());
    }

    private void revoke(Context ctx, Session session) {
        String id = ctx.pathParam("id");
        Optional<DeviceStatus> device = find(id, session);
        if (device.isEmpty() && outOfScope.refused(ctx, session, "device:" + id, schools.schoolOfDevice(id))) {
            return;
        }
        if (device.isEmpty()) {
            message(ctx, session, HttpStatus.NOT_FOUND, "Not found", "There is no such device: nothing changed.");
            return;
        }
        String reason = Optional.ofNullable(ctx.formParam("reason")).orElse("");
        DeviceSummary summary = device.get().device();
        Refusals.showOn(ctx, refused -> renderConfirm(ctx, session, device.get(), reason,
                Optional.of(refused.getMessage() + " Nothing changed.")));
        boolean revokedNow = revocation.revoke(session.username(), id, reason);
        flash.put(session, revokedNow
                ? "Revoked " + summary.hostname() + " (" + id + "): it is refused from now on and its connection"
                + " has been closed. Its captures stay."
                : summary.hostname() + " (" + id + ") was already revoked: nothing changed.");
        ctx.redirect("/devices", HttpStatus.SEE_OTHER);
    }

    private Optional<DeviceStatus> find(String id, Session session) {
        return health.judge(devices.list(session.scope()), clock.instant()).stream()
                .filter(status -> status.device().id().equals(id)).findFirst();
    }

    private void renderConfirm(Context ctx, Session session, DeviceStatus device, String reason,
                               Optional<String> error) {
        templates.render(ctx, "device-revoke.jte", new RevokePage(PageHeader.signedIn("Revoke a device", session),
                row(device, clock.instant(), Optional.empty()), reason, DeviceRevocation.MAX_REASON_LENGTH, error));
    }

    private static DevicesPage.Row row(DeviceStatus status, Instant now, Optional<NoticeShown> notice) {
        DeviceSummary device = status.device();
        return new DevicesPage.Row(status,
                device.lastSeenAt().map(seen -> RelativeTime.since(seen, now)).orElse("never"),
                device.lastSeenAt().map(DisplayTime::of).orElse(""), DisplayTime.of(device.enrolledAt()),
                revokeHref(device.id()), moveHref(device.id()), notMonitoring(status, now), stopped(status, now),
                notice.map(shown -> "to " + shown.osUser() + " " + RelativeTime.since(shown.shownAt(), now) + " ("
                        + DisplayTime.of(shown.shownAt()) + ", " + shown.shownAs() + ")"));
    }

    /** "Stopped cleanly 2 hours ago (shutdown)", for a device whose agent said it was stopping. */
    private static Optional<String> stopped(DeviceStatus status, Instant now) {
        if (status.state() != DeviceState.STOPPED) {
            return Optional.empty();
        }
        CleanStop stop = status.device().stopped().orElseThrow();
        return Optional.of("Stopped cleanly at " + DisplayTime.of(stop.at()) + " (" + RelativeTime.since(stop.at(), now)
                + ")" + (stop.reason().isEmpty() ? "" : ": " + stop.reason()));
    }

    /** Each channel's undelivered alerts, for IT (who fixes the mail server) and the DSL: counts and errors only. */
    private List<DevicesPage.AlertsWaiting> alertsWaiting(Instant now) {
        return undelivered.summaries().stream().map(waiting -> new DevicesPage.AlertsWaiting(
                waiting.label(), waiting.count(), RelativeTime.since(waiting.oldest(), now),
                waiting.reason())).toList();
    }

    /** "Keyboard hook not registered; last handled typing 3 hours ago", for a device that is not monitoring. */
    private static Optional<String> notMonitoring(DeviceStatus status, Instant now) {
        if (status.state() != DeviceState.NOT_MONITORING) {
            return Optional.empty();
        }
        String problems = String.join("; ", status.monitoringProblems());
        return Optional.of(Character.toUpperCase(problems.charAt(0)) + problems.substring(1) + "; last handled typing "
                + status.lastHandledTyping().map(at -> RelativeTime.since(at, now))
                .orElse("never since the agent started"));
    }

    private static DevicesPage.Counts counts(List<DeviceStatus> statuses) {
        int active = 0;
        int stopped = 0;
        int silent = 0;
        int notMonitoring = 0;
        int never = 0;
        int behind = 0;
        int revoked = 0;
        for (DeviceStatus status : statuses) {
            switch (status.state()) {
                case ACTIVE -> active++;
                case STOPPED -> stopped++;
                case SILENT -> silent++;
                case NOT_MONITORING -> notMonitoring++;
                case NEVER_CONNECTED -> never++;
                case REVOKED -> revoked++;
            }
            if (status.behind()) {
                behind++;
            }
        }
        return new DevicesPage.Counts(statuses.size(), active, stopped, silent, notMonitoring, never, behind, revoked);
    }

    private void message(Context ctx, Session session, HttpStatus status, String heading, String text) {
        ctx.status(status);
        templates.render(ctx, "message.jte", new MessagePage(PageHeader.signedIn(heading, session), heading, text));
    }

    /** The confirmation step before a revocation: the device, and the reason asked for (kept after a refusal). */
    public record RevokePage(PageHeader header, DevicesPage.Row device, String reason, int maxReasonLength,
                             Optional<String> error) {

        public boolean alreadyRevoked() {
            return device.status().state() == DeviceState.REVOKED;
        }
    }
}
