package org.vigil.console.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.pupils.PupilDirectory;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.Pupil;
import org.vigil.console.store.QueueItem;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.SchoolScope;
import org.vigil.console.store.TriageRepository;

/** Per-pupil and per-device histories (DSL only: they list capture content). Each view is audited. */
public final class HistoryRoutes {
    static final int WEEKS = 12;
    static final int TIMELINE_LENGTH = 200;

    private final TriageRepository store;
    private final AuditLog audit;
    private final WebAuth auth;
    private final Templates templates;
    private final Clock clock;
    private final PupilDirectory directory;
    private final SchoolRepository schools;
    private final OutOfScope outOfScope;
    private final RequestScope requestScope;

    public HistoryRoutes(TriageRepository store, AuditLog audit, WebAuth auth, Templates templates, Clock clock,
                         PupilDirectory directory, SchoolRepository schools, OutOfScope outOfScope) {
        this.schools = schools;
        this.outOfScope = outOfScope;
        this.requestScope = new RequestScope(schools, outOfScope);
        this.directory = directory;
        this.store = store;
        this.audit = audit;
        this.auth = auth;
        this.templates = templates;
        this.clock = clock;
    }

    public static String pupilHref(String pupil) {
        return "/history/pupil?name=" + URLEncoder.encode(pupil, StandardCharsets.UTF_8);
    }

    /** The history of the login's pupil in one school (ADR 0205): the same login elsewhere is someone else. */
    public static String pupilHref(String pupil, Optional<String> schoolCode) {
        return pupilHref(pupil) + schoolCode.map(code -> "&school=" + URLEncoder.encode(code, StandardCharsets.UTF_8))
                .orElse("");
    }

    public static String deviceHref(String deviceId) {
        return "/history/device?id=" + URLEncoder.encode(deviceId, StandardCharsets.UTF_8);
    }

    public void register(RoutesConfig routes) {
        routes.get("/history/pupil", auth.page(EnumSet.of(Role.DSL), this::pupil));
        routes.get("/history/device", auth.page(EnumSet.of(Role.DSL), this::device));
    }

    private void pupil(Context ctx, Session session) {
        Optional<String> name = Params.nonBlank(ctx.queryParam("name"));
        if (name.isEmpty()) {
            badRequest(ctx, session, "Which pupil? The link needs a name.");
            return;
        }
        // ?school=CODE: that school's pupil and captures only (ADR 0205); another school's is an audited 403
        Optional<SchoolScope> scope = requestScope.of(ctx, session, ctx.queryParam("school"));
        if (scope.isEmpty()) {
            return;
        }
        Set<Long> pupilSchools = schools.schoolsOfLogin(name.get());
        if (pupilSchools.stream().noneMatch(session.scope()::includes)
                && outOfScope.refused(ctx, session, "pupil:" + name.get(), pupilSchools)) {
            return;
        }
        audit.record(session.username(), "history.pupil.view", "pupil:" + name.get());
        Instant now = clock.instant();
        Optional<Pupil> pupil = directory.forLogin(scope.get(), name.get()).stream().findFirst();
        render(ctx, session, "Pupil " + pupil.map(p -> p.fullName() + " (" + name.get() + ")").orElse(name.get()),
                WeeklyGrid.of(store.pupilWeeklyCounts(name.get(), since(now), scope.get()), now, WEEKS),
                store.pupilTimeline(name.get(), TIMELINE_LENGTH, scope.get()), name,
                subjectAccessSchools(ctx.queryParam("school"), session, pupilSchools), pupil);
    }

    /**
     * The schools the subject access button offers (ADR 0206): the school the page shows, else the user's schools
     * holding the login when there are several (one is chosen); none when the login is at one of theirs.
     */
    private List<School> subjectAccessSchools(String shown, Session session, Set<Long> pupilSchools) {
        if (shown != null && !shown.isBlank()) {
            return schools.findByCode(shown.strip()).stream().toList();
        }
        List<School> theirs = pupilSchools.stream().filter(session.scope()::includes).sorted()
                .flatMap(id -> schools.findById(id).stream()).toList();
        return theirs.size() > 1 ? theirs : List.of();
    }

    private void device(Context ctx, Session session) {
        Optional<String> id = Params.nonBlank(ctx.queryParam("id"));
        if (id.isEmpty()) {
            badRequest(ctx, session, "Which device? The link needs an id.");
            return;
        }
        Optional<Long> deviceSchool = schools.schoolOfDevice(id.get());
        if (deviceSchool.filter(session.scope()::includes).isEmpty()
                && outOfScope.refused(ctx, session, "device:" + id.get(), deviceSchool)) {
            return;
        }
        audit.record(session.username(), "history.device.view", "device:" + id.get());
        Instant now = clock.instant();
        List<QueueItem> timeline = store.deviceTimeline(id.get(), TIMELINE_LENGTH, session.scope());
        String name = timeline.isEmpty() ? id.get() : timeline.get(0).deviceHostname() + " (" + id.get() + ")";
        render(ctx, session, "Device " + name,
                WeeklyGrid.of(store.deviceWeeklyCounts(id.get(), since(now), session.scope()), now, WEEKS), timeline,
                Optional.empty(), List.of(), Optional.empty());
    }

    private static Instant since(Instant now) {
        return TriageRepository.startOfWeek(TriageRepository.weekOf(now.minus(Duration.ofDays(7L * (WEEKS - 1)))));
    }

    private void render(Context ctx, Session session, String heading, WeeklyGrid grid, List<QueueItem> timeline,
                        Optional<String> subjectAccessPupil, List<School> subjectAccessSchools,
                        Optional<Pupil> pupil) {
        templates.render(ctx, "history.jte", new HistoryPage(PageHeader.signedIn(heading, session), heading, grid,
                timeline, subjectAccessPupil, subjectAccessSchools, pupil));
    }

    private void badRequest(Context ctx, Session session, String message) {
        ctx.status(HttpStatus.BAD_REQUEST);
        templates.render(ctx, "message.jte", new MessagePage(PageHeader.signedIn("Bad request", session),
                "Bad request", message));
    }
}
