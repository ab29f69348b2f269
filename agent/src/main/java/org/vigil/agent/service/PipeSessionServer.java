package org.vigil.agent.service;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.agent.local.NamedPipeTransport;
import org.vigil.agent.local.NamedPipeTransport.Accepted;
import org.vigil.agent.service.HelperConversations.Conversation;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.HelperSettings;
import org.vigil.proto.v1.NoticeShown;
import org.vigil.proto.v1.Policy;
import org.vigil.proto.v1.SignInNotice;
import org.vigil.runtime.SupervisedThread;
import org.vigil.runtime.Supervisor;

/**
 * The device service's end of the Windows named pipe (ADR 0117). One thread waits for helpers
 * ({@code ConnectNamedPipe} blocks, and there is no selector for pipes), taking each one's user from its token
 * and making the next instance; another serves every connected helper's {@link HelperConversations conversation},
 * looking at each pipe every {@link #POLL} (a synchronous pipe cannot be read and written at once from two threads,
 * so nothing waits in a read).
 */
public final class PipeSessionServer implements HelperServer {
    private static final Logger log = LoggerFactory.getLogger(PipeSessionServer.class);
    static final Duration POLL = Duration.ofMillis(100);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final NamedPipeTransport transport;
    private final HelperConversations conversations;
    private final Supervisor supervisor;
    private final Queue<Accepted> incoming = new ConcurrentLinkedQueue<>();
    private final List<Conversation> connections = new ArrayList<>();
    private volatile boolean closing;
    /** Set when the policy or notice in force changed, until the serving thread has pushed it. */
    private final AtomicBoolean handOverChanged = new AtomicBoolean();
    /** The instance the acceptor waits on next; 0 when it must make one. Only the acceptor's thread, after start. */
    private long waiting;
    private SupervisedThread acceptor;
    private SupervisedThread serving;

    /** As {@link LocalSessionServer}'s, over a named pipe. */
    public PipeSessionServer(NamedPipeTransport transport, Consumer<Event> events, Supplier<Policy> policy,
                             HelperSettings settings, Supplier<SignInNotice> notice,
                             Consumer<NoticeShown> noticesShown, SessionHelpers helpers, Supervisor supervisor,
                             Clock clock) {
        this(transport, new HelperConversations(events, policy, settings, notice, noticesShown, helpers, clock),
                supervisor);
    }

    PipeSessionServer(NamedPipeTransport transport, HelperConversations conversations, Supervisor supervisor) {
        this.transport = transport;
        this.conversations = conversations;
        this.supervisor = supervisor;
    }

    /** Makes the pipe's first instance (refused, and said why, if another process holds the name), then serves. */
    @Override
    public synchronized void start() throws IOException {
        waiting = transport.firstInstance();
        acceptor = supervisor.thread("vigil-pipe-accept", this::accept);
        serving = supervisor.thread("vigil-local-sessions", this::serve);
        log.info("listening for session helpers on {}", transport.describe());
    }

    /** Waits for helpers until closed, each on an instance of its own. */
    private void accept() throws InterruptedException {
        while (!closing) {
            if (waiting == 0) {
                try {
                    waiting = transport.nextInstance();
                } catch (IOException e) {
                    throw new IllegalStateException("cannot make another instance of " + transport.describe(), e);
                }
            }
            long instance = waiting;
            waiting = 0;
            try {
                Accepted accepted = transport.accept(instance);
                if (closing) {
                    accepted.link().close();
                    break;
                }
                incoming.add(accepted);
            } catch (IOException e) {
                if (!closing) {
                    log.warn("refused a session helper whose OS user cannot be told: {}", e.toString());
                }
            }
        }
        // closed: wait for close() to end this thread, so the supervisor sees a stop and not a failure
        new CountDownLatch(1).await();
    }

    @Override
    public void handOverChanged() {
        handOverChanged.set(true);
    }

    private void serve() throws InterruptedException {
        while (true) {
            for (Accepted accepted = incoming.poll(); accepted != null; accepted = incoming.poll()) {
                if (connections.size() >= HelperConversations.MAX_CONNECTIONS) {
                    log.warn("refused a session helper: {} are connected already",
                            HelperConversations.MAX_CONNECTIONS);
                    accepted.link().close();
                } else {
                    connections.add(conversations.open(accepted.user(), accepted.link()));
                }
            }
            boolean push = handOverChanged.getAndSet(false);
            Policy policy = push ? conversations.policyNow() : null;
            SignInNotice notice = push ? conversations.noticeNow() : null;
            for (Conversation conversation : List.copyOf(connections)) {
                if (!conversation.serve()) {
                    connections.remove(conversation);
                    continue;
                }
                if (push) {
                    conversation.pushChanges(policy, notice);
                }
                try {
                    conversation.link.flush();
                } catch (IOException e) {
                    connections.remove(conversation);
                    conversation.closed();
                }
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Stops serving: helpers see the pipe close and wait to reconnect. */
    @Override
    public synchronized void close() {
        if (serving == null) {
            return;
        }
        closing = true;
        serving.close(STOP_WAIT);
        // the acceptor waits in ConnectNamedPipe, which no interrupt ends: a connection of our own does (tried again
        // while the acceptor is between instances and there is none to connect to)
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                transport.connect().close();
                break;
            } catch (IOException e) {
                log.debug("waking the pipe's acceptor: {}", e.toString());
                try {
                    Thread.sleep(50);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        acceptor.close(STOP_WAIT);
        connections.forEach(conversation -> conversation.link.close());
        connections.clear();
        for (Accepted accepted = incoming.poll(); accepted != null; accepted = incoming.poll()) {
            accepted.link().close();
        }
        serving = null;
    }
}
