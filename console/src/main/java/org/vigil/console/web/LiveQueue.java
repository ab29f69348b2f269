package org.vigil.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.auth.SessionState;
import org.vigil.console.auth.Sessions;
import org.vigil.console.store.Capture;
import org.vigil.console.store.CaptureListener;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.Pupil;
import org.vigil.console.store.SchoolScope;
import org.vigil.runtime.SerialExecutor;
import org.vigil.runtime.Supervisor;

/**
 * Server-sent events to open triage queues: each newly stored capture, as JSON with its id as the event id, to every
 * signed-in DSL. A stream opened with a cursor ({@code Last-Event-ID}, or {@code ?since=} from the page) first gets
 * every capture stored after it, so a page that reconnects misses nothing; each capture goes to a stream once.
 * A stream whose session ends gets a last {@code session-ended} event naming why, then is closed. Neither the stream
 * nor the {@code /session} probe counts as use of the session: a DSL who walks away is signed out all the same.
 * All sending happens on one supervised thread, so a slow browser never holds up ingest and order is kept.
 * Each stream gets only its user's schools' captures: a new capture is read once per distinct scope among the open
 * streams, with that scope (ADR 0176).
 */
public final class LiveQueue implements CaptureListener, AutoCloseable {
    static final String PATH = "/events/captures";
    static final String PROBE_PATH = "/session";
    /** Captures a reconnecting page is sent at most; past that it is told to reload. */
    static final int CATCH_UP_LIMIT = 200;
    /**
     * How far below a stream's newest id a catch-up after a bus gap looks again: ids are taken when a capture's
     * transaction starts, so one still committing on another instance when the link dropped has a lower id than one
     * sent already (ADR 0201). Ids sent already are skipped.
     */
    static final int OUT_OF_ORDER_MARGIN = 64;
    private static final Logger LOG = LoggerFactory.getLogger(LiveQueue.class);

    private final CaptureRepository captures;
    private final Function<String, Optional<Pupil>> pupils;
    private final Sessions sessions;
    private final WebAuth auth;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<SseClient, Listener> clients = new ConcurrentHashMap<>();
    private final SerialExecutor sender;
    private final RequestScope requestScope;
    private final String keepAlive;

    /**
     * How often streams are checked for ended sessions, and how often each stream gets a keep-alive event: it keeps
     * proxies from closing an idle stream, and its absence tells the page that a connection died without closing.
     */
    public record Timing(Duration sessionCheck, Duration keepAlive) {
    }

    /**
     * One open stream; its fields are only touched on the sender thread. It remembers the ids it was sent rather than
     * the highest: with several console instances on one database (ADR 0172) captures commit out of id order, and a
     * capture committed on another instance just after a higher id here must still be sent.
     */
    private static final class Listener {
        /** Far more than a queue shows; a capture is announced once, so an id older than these never comes again. */
        private static final int REMEMBERED = 4096;
        private final String sessionId;
        private final SchoolScope scope;
        /** The page's cursor: it shows every capture up to here already. */
        private final long floor;
        /** The highest id sent, or the floor. */
        private long newest;
        private final Set<Long> sent = Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > REMEMBERED;
            }
        });

        Listener(String sessionId, SchoolScope scope, long floor) {
            this.sessionId = sessionId;
            this.scope = scope;
            this.floor = floor;
            this.newest = floor;
        }

        boolean wants(long captureId) {
            return captureId > floor && !sent.contains(captureId);
        }
    }

    /** {@code pupils} finds the pupil a capture's login belongs to, as the queue page's own rows do (ADR 0152). */
    public LiveQueue(CaptureRepository captures, Function<String, Optional<Pupil>> pupils, Sessions sessions,
                     WebAuth auth, Supervisor supervisor, Timing timing, RequestScope requestScope) {
        this.requestScope = requestScope;
        this.keepAlive = "{\"everyMillis\":" + timing.keepAlive().toMillis() + "}";
        this.captures = captures;
        this.pupils = pupils;
        this.sessions = sessions;
        this.auth = auth;
        this.sender = supervisor.executor("vigil-live-queue");
        sender.scheduleWithFixedDelay(this::endStreamsOfEndedSessions, timing.sessionCheck(), timing.sessionCheck());
        sender.scheduleWithFixedDelay(this::keepAlive, timing.keepAlive(), timing.keepAlive());
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, auth.background(EnumSet.of(Role.DSL), (ctx, session) -> {
            Optional<Long> cursor = cursor(ctx);
            // ?school=CODE: one of a trust-level DSL's schools; another school's is an audited 403
            Optional<SchoolScope> scope = requestScope.of(ctx, session, ctx.queryParam("school"));
            if (scope.isEmpty()) {
                return;
            }
            new SseHandler(client -> open(client, session, scope.get(), cursor)).handle(ctx);
        }));
        routes.get(PROBE_PATH, this::probe);
    }

    /**
     * 200 and how long the session has left if the request's session is live, 401 if not; it does not count as
     * use. The queue page asks when its stream fails, to tell a dropped connection from an ended session.
     */
    private void probe(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json");
        Optional<Session> session = auth.peek(ctx);
        if (session.isEmpty()) {
            ctx.status(HttpStatus.UNAUTHORIZED).result("{\"signedIn\":false}");
        } else {
            ctx.result("{\"signedIn\":true,\"secondsLeft\":" + sessions.remaining(session.get()).toSeconds() + "}");
        }
    }

    /** The newer of the browser's Last-Event-ID (its own reconnect) and the page's {@code since}. */
    private static Optional<Long> cursor(Context ctx) {
        Optional<Long> lastEventId = captureId(ctx.header("Last-Event-ID"));
        Optional<Long> since = captureId(ctx.queryParam("since"));
        return lastEventId.map(id -> Math.max(id, since.orElse(0L))).or(() -> since);
    }

    private static Optional<Long> captureId(String text) {
        return "0".equals(text) ? Optional.of(0L) : Params.positive(text);
    }

    private void open(SseClient client, Session session, SchoolScope scope, Optional<Long> cursor) {
        client.onClose(() -> clients.remove(client));
        sender.execute(() -> {
            client.sendComment("connected");
            Listener listener = new Listener(session.id(), scope, cursor.orElse(0L));
            cursor.ifPresent(after -> catchUp(client, listener, after));
            if (!client.terminated()) {
                clients.put(client, listener);
                keepAlive(client); // at once: the page learns how long a silence means a dead connection
            }
        });
        client.keepAlive();
    }

    private void catchUp(SseClient client, Listener listener, long after) {
        List<Capture> missed = captures.after(after, CATCH_UP_LIMIT + OUT_OF_ORDER_MARGIN + 1, listener.scope)
                .stream().filter(capture -> listener.wants(capture.id())).toList();
        missed.stream().limit(CATCH_UP_LIMIT).forEach(capture -> send(client, listener, capture));
        if (missed.size() > CATCH_UP_LIMIT) {
            client.sendEvent("catch-up-incomplete", "{\"sent\":" + CATCH_UP_LIMIT + "}");
        }
    }

    @Override
    public void stored(long captureId) {
        sender.execute(() -> broadcast(captureId));
    }

    /**
     * Sends each open stream what it may have missed while the cluster bus was not listening (ADR 0201): the
     * captures of its scope after the last id it was sent, less {@link #OUT_OF_ORDER_MARGIN}, that it has not had.
     */
    public void catchUpAfterBusGap() {
        sender.execute(() -> clients.forEach((client, listener) -> {
            if (!client.terminated() && sessions.isLive(listener.sessionId)) {
                catchUp(client, listener, Math.max(listener.floor, listener.newest - OUT_OF_ORDER_MARGIN));
            }
        }));
    }

    private void broadcast(long captureId) {
        if (clients.isEmpty()) {
            return;
        }
        Map<SchoolScope, Optional<Capture>> byScope = new HashMap<>();
        clients.forEach((client, listener) -> {
            if (!sessions.isLive(listener.sessionId)) {
                endSession(client);
            } else if (client.terminated()) {
                clients.remove(client);
            } else if (listener.wants(captureId)) {
                byScope.computeIfAbsent(listener.scope, scope -> captures.find(captureId, scope))
                        .ifPresent(capture -> send(client, listener, capture));
            }
        });
    }

    private void send(SseClient client, Listener listener, Capture capture) {
        try {
            client.sendEvent("capture", json.writeValueAsString(LiveCapture.of(capture, pupils.apply(capture.osUser()))), String.valueOf(capture.id()));
            listener.sent.add(capture.id());
            listener.newest = Math.max(listener.newest, capture.id());
        } catch (JsonProcessingException e) {
            LOG.warn("Cannot encode capture {} for live queues", capture.id(), e);
        }
    }

    private void endStreamsOfEndedSessions() {
        clients.forEach((client, listener) -> {
            if (client.terminated()) {
                clients.remove(client);
            } else if (!sessions.isLive(listener.sessionId)) {
                endSession(client);
            }
        });
    }

    /** The last event a stream gets when its session is over: why, so the page can ask to sign in again. */
    private void endSession(SseClient client) {
        Listener listener = clients.remove(client);
        if (listener != null) {
            SessionState state = sessions.state(listener.sessionId);
            client.sendEvent("session-ended", "{\"reason\":\"" + state.name().toLowerCase(Locale.ROOT)
                    + "\"}");
            client.close();
        }
    }

    private void keepAlive() {
        clients.keySet().forEach(this::keepAlive);
    }

    /** An event, not a comment: a page's EventSource never sees comments. */
    private void keepAlive(SseClient client) {
        client.sendEvent("keep-alive", keepAlive);
    }

    /** How many browsers are listening (for tests and metrics). */
    public int listeners() {
        return clients.size();
    }

    /**
     * Ends every open stream, then stops sending. Called before the web server stops (Console.close): a stream ended
     * here ends cleanly in each browser, which reconnects (to another instance, or to this one when it is back),
     * while one written to after the server has recycled its request would throw inside Javalin without end.
     */
    @Override
    public void close() {
        sender.execute(() -> {
            clients.keySet().forEach(SseClient::close);
            clients.clear();
        });
        sender.close(Duration.ofSeconds(2));
    }

    /**
     * What an open queue needs to show a new row. Text fields are inserted by the page as text, never as HTML.
     * {@code pupil} is the login; the directory's name, "Year 9, 9B" and flags (DSLs are the only listeners) are
     * empty when the login is no pupil's ({@code inDirectory} false), as the page shows "not in the directory".
     */
    public record LiveCapture(long id, String href, String time, int severity, String category, String pupil,
                       boolean inDirectory, String pupilName, String pupilYear, List<String> pupilFlags,
                       String device, String matched, String status) {
        static LiveCapture of(Capture c, Optional<Pupil> pupil) {
            return new LiveCapture(c.id(), "/captures/" + c.id(), DisplayTime.of(c.occurredAt()), c.severity(),
                    c.category(), c.osUser(), pupil.isPresent(), pupil.map(Pupil::fullName).orElse(""),
                    pupil.map(Pupil::yearAndForm).orElse(""), pupil.map(p -> p.flags().labels()).orElse(List.of()),
                    c.deviceHostname(), c.matchedText(), c.status());
        }
    }
}
