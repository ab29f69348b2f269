package org.vigil.agent.service;

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
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.agent.local.FramedChannel;
import org.vigil.agent.local.UnixSocketTransport;
import org.vigil.agent.service.HelperConversations.Conversation;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.HelperSettings;
import org.vigil.proto.v1.NoticeShown;
import org.vigil.proto.v1.Policy;
import org.vigil.proto.v1.SignInNotice;
import org.vigil.runtime.SupervisedThread;
import org.vigil.runtime.Supervisor;

/**
 * The device service's end of the Unix socket (Linux, macOS): accepts session helpers, takes each one's OS user
 * from {@code SO_PEERCRED}, and serves every helper's {@link HelperConversations conversation} on one selector
 * thread. It sleeps until a helper writes or connects, or the policy or notice in force changes
 * ({@link #handOverChanged()} wakes it): an idle device wakes it only for the helpers' monitoring reports.
 */
public final class LocalSessionServer implements HelperServer {
    private static final Logger log = LoggerFactory.getLogger(LocalSessionServer.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final UnixSocketTransport transport;
    private final HelperConversations conversations;
    private final Supervisor supervisor;
    private final Map<SelectionKey, Conversation> connections = new HashMap<>();
    private volatile Selector selector;
    private ServerSocketChannel server;
    private SupervisedThread thread;

    /**
     * @param events       where each helper's events go, with the peer's user; on disk when it returns
     * @param policy       the policy in force, asked on each connect and after each change
     * @param settings     what each helper takes from the device's config, sent on connect
     * @param notice       the sign-in notice in force, sent on connect and whenever it changes (ADR 0113)
     * @param noticesShown where each helper's showing of the notice goes, with the peer's OS user
     */
    public LocalSessionServer(UnixSocketTransport transport, Consumer<Event> events, Supplier<Policy> policy,
                              HelperSettings settings, Supplier<SignInNotice> notice,
                              Consumer<NoticeShown> noticesShown, SessionHelpers helpers, Supervisor supervisor,
                              Clock clock) {
        this(transport, new HelperConversations(events, policy, settings, notice, noticesShown, helpers, clock),
                supervisor);
    }

    LocalSessionServer(UnixSocketTransport transport, HelperConversations conversations, Supervisor supervisor) {
        this.transport = transport;
        this.conversations = conversations;
        this.supervisor = supervisor;
    }

    /** Binds the socket and starts serving helpers. */
    @Override
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
                selector.select();
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
                    Conversation conversation = connections.get(key);
                    if (conversation != null) {
                        serve(key, conversation);
                    }
                }
            }
            pushChanges();
        }
    }

    @Override
    public void handOverChanged() {
        Selector awake = selector;
        if (awake != null) {
            awake.wakeup(); // the serving thread pushes what changed when it wakes
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
            if (connections.size() >= HelperConversations.MAX_CONNECTIONS) {
                log.warn("refused a session helper: {} are connected already", HelperConversations.MAX_CONNECTIONS);
                accepted.close();
                return;
            }
            String user = transport.peerUser(accepted);
            FramedChannel channel = new FramedChannel(accepted);
            SelectionKey key = accepted.register(selector, SelectionKey.OP_READ);
            connections.put(key, conversations.open(user, channel));
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("refused a session helper whose OS user cannot be told: {}", e.toString());
            close(accepted);
        }
    }

    private void serve(SelectionKey key, Conversation conversation) {
        if (key.isReadable() && !conversation.serve()) {
            forget(key);
            return;
        }
        flush(key, conversation);
    }

    private void pushChanges() {
        Policy policy = null;
        SignInNotice notice = conversations.noticeNow();
        for (Map.Entry<SelectionKey, Conversation> entry : List.copyOf(connections.entrySet())) {
            if (policy == null) {
                policy = conversations.policyNow();
            }
            if (entry.getValue().pushChanges(policy, notice)) {
                flush(entry.getKey(), entry.getValue());
            }
        }
    }

    private void flush(SelectionKey key, Conversation conversation) {
        try {
            boolean done = conversation.link.flush();
            key.interestOps(done ? SelectionKey.OP_READ : SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        } catch (IOException e) {
            forget(key);
            conversation.closed();
        }
    }

    private void forget(SelectionKey key) {
        key.cancel();
        connections.remove(key);
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
        connections.values().forEach(conversation -> conversation.link.close());
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
