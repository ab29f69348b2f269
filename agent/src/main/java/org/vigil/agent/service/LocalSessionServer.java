package org.vigil.agent.service;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.agent.local.FramedChannel;
import org.vigil.agent.local.LocalMessageException;
import org.vigil.agent.local.LocalTransport;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.EventAck;
import org.vigil.proto.v1.HelperMessage;
import org.vigil.proto.v1.HelperSettings;
import org.vigil.proto.v1.NoticeShown;
import org.vigil.proto.v1.Policy;
import org.vigil.proto.v1.ServiceMessage;
import org.vigil.proto.v1.SignInNotice;
import org.vigil.runtime.SupervisedThread;
import org.vigil.runtime.Supervisor;

/**
 * The device service's end of the local socket: accepts session helpers, records each hit under the OS user the
 * socket says is at the other end (whatever the helper wrote in it), hands it to {@code events} (the spool) and
 * acks it, pushes the policy in force on connect and whenever it changes, and keeps {@link SessionHelpers} told of
 * each helper's monitoring and of helpers that vanish without a goodbye. One selector thread serves every helper;
 * a helper that sends a message too large or malformed is dropped, never the service.
 */
public final class LocalSessionServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LocalSessionServer.class);
    /** More helpers than desktop sessions a device can hold: the rest are refused, so none can exhaust the service. */
    static final int MAX_CONNECTIONS = 32;
    private static final Duration POLICY_CHECK = Duration.ofSeconds(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final LocalTransport transport;
    private final Consumer<Event> events;
    private final Supplier<Policy> policy;
    private final HelperSettings settings;
    private final Supplier<SignInNotice> notice;
    private final Consumer<NoticeShown> noticesShown;
    private final SessionHelpers helpers;
    private final Supervisor supervisor;
    private final Clock clock;
    private final Map<SelectionKey, Connection> connections = new HashMap<>();
    private long nextId;
    private Selector selector;
    private ServerSocketChannel server;
    private SupervisedThread thread;

    /** A helper's connection, known only to the selector thread. */
    private static final class Connection {
        final long id;
        final String user;
        final FramedChannel channel;
        boolean hello;
        String policySent = "";
        SignInNotice noticeSent;

        Connection(long id, String user, FramedChannel channel) {
            this.id = id;
            this.user = user;
            this.channel = channel;
        }
    }

    /**
     * @param events where each helper's events go, with the peer's user; on disk when it returns
     * @param policy   the policy in force, asked on each connect and every second for a change
     * @param settings what each helper takes from the device's config, sent on connect
     * @param notice   the sign-in notice in force, sent on connect and whenever it changes (ADR 0113)
     * @param noticesShown where each helper's showing of the notice goes, with the peer's OS user
     */
    public LocalSessionServer(LocalTransport transport, Consumer<Event> events, Supplier<Policy> policy,
                              HelperSettings settings, Supplier<SignInNotice> notice,
                              Consumer<NoticeShown> noticesShown, SessionHelpers helpers, Supervisor supervisor,
                              Clock clock) {
        this.transport = transport;
        this.events = events;
        this.policy = policy;
        this.settings = settings;
        this.notice = notice;
        this.noticesShown = noticesShown;
        this.helpers = helpers;
        this.supervisor = supervisor;
        this.clock = clock;
    }

    /** Binds the socket and starts serving helpers. */
    public synchronized void start() throws IOException {
        selector = Selector.open();
        server = transport.listen();
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        thread = supervisor.thread("vigil-local-sessions", this::serve);
        log.info("listening for session helpers on {}", transport.describe());
    }

    private void serve() throws InterruptedException {
        while (true) {
            try {
                selector.select(POLICY_CHECK.toMillis());
            } catch (IOException e) {
                throw new IllegalStateException("the local socket's selector failed", e);
            } catch (ClosedSelectorException e) {
                throw new InterruptedException("closed");
            }
            if (Thread.interrupted()) {
                throw new InterruptedException("stopping");
            }
            for (SelectionKey key : List.copyOf(selector.selectedKeys())) {
                selector.selectedKeys().remove(key);
                if (!key.isValid()) {
                    continue;
                }
                if (key.isAcceptable()) {
                    accept();
                } else {
                    Connection connection = connections.get(key);
                    if (connection != null) {
                        serve(key, connection);
                    }
                }
            }
            pushPolicy();
        }
    }

    private void accept() {
        SocketChannel accepted;
        try {
            accepted = server.accept();
        } catch (IOException e) {
            log.warn("cannot accept a session helper: {}", e.toString());
            return;
        }
        if (accepted == null) {
            return;
        }
        try {
            if (connections.size() >= MAX_CONNECTIONS) {
                log.warn("refused a session helper: {} are connected already", MAX_CONNECTIONS);
                accepted.close();
                return;
            }
            String user = transport.peerUser(accepted);
            FramedChannel channel = new FramedChannel(accepted);
            SelectionKey key = accepted.register(selector, SelectionKey.OP_READ);
            connections.put(key, new Connection(++nextId, user, channel));
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("refused a session helper whose OS user cannot be told: {}", e.toString());
            close(accepted);
        }
    }

    private void serve(SelectionKey key, Connection connection) {
        try {
            if (key.isReadable()) {
                for (byte[] frame : connection.channel.read()) {
                    handle(connection, HelperMessage.parseFrom(frame));
                }
            }
            flush(key, connection);
        } catch (EOFException e) {
            drop(key, connection);
        } catch (InvalidProtocolBufferException e) {
            log.warn("refused a malformed message from the session helper of user {} (connection {}): {};"
                    + " dropping that connection", connection.user, connection.id, e.getMessage());
            drop(key, connection);
        } catch (LocalMessageException | ProtocolViolation e) {
            log.warn("refused {} from the session helper of user {} (connection {}); dropping that connection",
                    e.getMessage(), connection.user, connection.id);
            drop(key, connection);
        } catch (IOException e) {
            log.info("lost the session helper of user {} (connection {}): {}", connection.user, connection.id,
                    e.toString());
            drop(key, connection);
        }
    }

    /** A helper that breaks the local contract (an event before its hello, say). */
    private static final class ProtocolViolation extends Exception {
        ProtocolViolation(String message) {
            super(message);
        }
    }

    private void handle(Connection connection, HelperMessage message) throws ProtocolViolation {
        if (!connection.hello) {
            if (!message.hasHello()) {
                throw new ProtocolViolation("a message (" + message.getBodyCase().name().toLowerCase(Locale.ROOT)
                        + ") before its hello");
            }
            connection.hello = true;
            helpers.connected(connection.id, connection.user);
            log.info("session helper connected: user {}, session {}, helper version {} (connection {})",
                    connection.user, printable(message.getHello().getSessionId()),
                    printable(message.getHello().getHelperVersion()), connection.id);
            connection.channel.send(ServiceMessage.newBuilder().setSettings(settings).build());
            sendNotice(connection, notice.get());
            sendPolicy(connection, policy.get());
            return;
        }
        switch (message.getBodyCase()) {
            case EVENT -> event(connection, message.getEvent());
            case MONITORING -> helpers.reported(connection.id, message.getMonitoring());
            case GOODBYE -> {
                helpers.signedOff(connection.id);
                log.info("session helper of user {} signed off: {} (connection {})", connection.user,
                        printable(message.getGoodbye().getReason()), connection.id);
            }
            case NOTICE_SHOWN -> {
                NoticeShown shown = message.getNoticeShown().toBuilder().setUser(connection.user).build();
                noticesShown.accept(shown);
                log.info("session helper of user {} showed the sign-in notice ({})", connection.user,
                        printable(shown.getShownAs()));
            }
            case HELLO -> throw new ProtocolViolation("a second hello");
            default -> throw new ProtocolViolation("a message of no known kind");
        }
    }

    private void event(Connection connection, Event claimed) throws ProtocolViolation {
        if (claimed.getEventId().isEmpty()) {
            throw new ProtocolViolation("an event with no id");
        }
        if (!claimed.getUser().equals(connection.user)) {
            log.warn("the session helper of user {} named user '{}' on event {}: recorded as {}", connection.user,
                    printable(claimed.getUser()), claimed.getEventId(), connection.user);
        }
        Event event = claimed.toBuilder().setUser(connection.user).build();
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            log.warn("cannot keep event {} from the session helper of user {}: {}; the helper will send it again",
                    event.getEventId(), connection.user, e.toString());
            return;
        }
        connection.channel.send(ServiceMessage.newBuilder()
                .setAck(EventAck.newBuilder().setEventId(event.getEventId())).build());
    }

    private void pushPolicy() {
        Policy now = null;
        SignInNotice noticeNow = notice.get();
        for (Map.Entry<SelectionKey, Connection> entry : List.copyOf(connections.entrySet())) {
            Connection connection = entry.getValue();
            if (!connection.hello) {
                continue;
            }
            if (now == null) {
                now = policy.get();
            }
            boolean sent = false;
            if (!noticeNow.equals(connection.noticeSent)) {
                sendNotice(connection, noticeNow);
                sent = true;
            }
            if (!now.getVersion().equals(connection.policySent)) {
                sendPolicy(connection, now);
                sent = true;
            }
            if (sent) {
                try {
                    flush(entry.getKey(), connection);
                } catch (IOException e) {
                    drop(entry.getKey(), connection);
                }
            }
        }
    }

    private static void sendNotice(Connection connection, SignInNotice now) {
        connection.channel.send(ServiceMessage.newBuilder().setNotice(now).build());
        connection.noticeSent = now;
    }

    private void sendPolicy(Connection connection, Policy now) {
        connection.channel.send(ServiceMessage.newBuilder().setPolicy(now).build());
        connection.policySent = now.getVersion();
    }

    private static void flush(SelectionKey key, Connection connection) throws IOException {
        boolean done = connection.channel.flush();
        key.interestOps(done ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
    }

    private void drop(SelectionKey key, Connection connection) {
        key.cancel();
        connections.remove(key);
        connection.channel.close();
        helpers.disconnected(connection.id, clock.instant()).ifPresent(reason -> log.warn("{}", reason));
    }

    private static String printable(String text) {
        String cleaned = text.replaceAll("\\p{Cntrl}+", " ").strip();
        return cleaned.length() <= WireNames.MAX_STOP_REASON_CHARS ? cleaned
                : cleaned.substring(0, WireNames.MAX_STOP_REASON_CHARS);
    }

    private static void close(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /** Stops serving: helpers see the socket close and wait to reconnect; the socket file is removed. */
    @Override
    public synchronized void close() {
        if (thread == null) {
            return;
        }
        thread.close(STOP_WAIT);
        connections.values().forEach(connection -> connection.channel.close());
        connections.clear();
        try {
            server.close();
            selector.close();
        } catch (IOException e) {
            log.debug("closing the local socket: {}", e.toString());
        }
        transport.unlink();
        thread = null;
    }
}
