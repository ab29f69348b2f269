package org.vigil.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.auth.Sessions;
import org.vigil.console.store.Capture;
import org.vigil.console.store.CaptureListener;
import org.vigil.console.store.CaptureRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.runtime.SerialExecutor;
import org.vigil.runtime.Supervisor;

/**
 * Server-sent events to open triage queues: each newly stored capture, as JSON, to every signed-in DSL. Sending
 * happens on its own thread so a slow browser never holds up ingest; a stream whose session ended is closed.
 */
public final class LiveQueue implements CaptureListener, AutoCloseable {
    static final String PATH = "/events/captures";
    private static final Logger LOG = LoggerFactory.getLogger(LiveQueue.class);

    private final CaptureRepository captures;
    private final Sessions sessions;
    private final WebAuth auth;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<SseClient, String> clients = new ConcurrentHashMap<>();
    private final SerialExecutor sender;

    public LiveQueue(CaptureRepository captures, Sessions sessions, WebAuth auth, Supervisor supervisor) {
        this.captures = captures;
        this.sessions = sessions;
        this.auth = auth;
        this.sender = supervisor.executor("vigil-live-queue");
    }

    public void register(RoutesConfig routes) {
        routes.get(PATH, auth.page(EnumSet.of(Role.DSL), (ctx, session) -> new SseHandler(client -> open(client,
                session)).handle(ctx)));
    }

    private void open(SseClient client, Session session) {
        clients.put(client, session.id());
        client.onClose(() -> clients.remove(client));
        client.sendComment("connected");
        client.keepAlive();
    }

    @Override
    public void stored(long captureId) {
        if (!clients.isEmpty()) {
            sender.execute(() -> broadcast(captureId));
        }
    }

    private void broadcast(long captureId) {
        Optional<Capture> capture = captures.find(captureId);
        if (capture.isEmpty()) {
            return;
        }
        String data;
        try {
            data = json.writeValueAsString(LiveCapture.of(capture.get()));
        } catch (JsonProcessingException e) {
            LOG.warn("Cannot encode capture {} for live queues", captureId, e);
            return;
        }
        clients.forEach((client, sessionId) -> {
            if (!sessions.isLive(sessionId) || client.terminated()) {
                clients.remove(client);
                client.close();
            } else {
                client.sendEvent("capture", data);
            }
        });
    }

    /** How many browsers are listening (for tests and metrics). */
    public int listeners() {
        return clients.size();
    }

    @Override
    public void close() {
        sender.close(Duration.ofSeconds(2));
    }

    /** What an open queue needs to show a new row. Text fields are inserted by the page as text, never as HTML. */
    public record LiveCapture(long id, String href, String time, int severity, String category, String pupil,
                       String device, String matched, String status) {
        static LiveCapture of(Capture c) {
            return new LiveCapture(c.id(), "/captures/" + c.id(), DisplayTime.of(c.occurredAt()), c.severity(),
                    c.category(), c.osUser(), c.deviceHostname(), c.matchedText(), c.status());
        }
    }
}
