package org.vigil.console.cluster;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.store.postgresql.DbCredentials;
import org.vigil.console.store.postgresql.PostgresUrl;
import org.vigil.runtime.SerialExecutor;
import org.vigil.runtime.SupervisedThread;
import org.vigil.runtime.Supervisor;

/**
 * The bus over PostgreSQL's {@code LISTEN/NOTIFY} (ADR 0172), on two connections of its own outside the pool: one
 * that only listens, polled by a supervised thread, and one that sends, fed by a queue so that a publisher never waits
 * for the database (messages queued meanwhile go out together, in one statement). Either connection that drops is
 * made again every {@link #RECONNECT}; the loss and the recovery are each logged once. A listening connection that
 * has gone quiet is checked with a query every {@link #ALIVE_CHECK}, so a server that vanished without closing the
 * socket is noticed too.
 */
public final class PostgresBus implements ClusterBus {
    public static final String CHANNEL = "vigil_cluster";
    static final Duration RECONNECT = Duration.ofSeconds(1);
    static final Duration ALIVE_CHECK = Duration.ofSeconds(10);
    private static final int POLL_MILLIS = 250;
    /** PostgreSQL's limit is 8000 bytes a payload; ours are under 100, so a batch of this many is far below any. */
    private static final int MAX_BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(PostgresBus.class);

    private final PostgresUrl url;
    private final DbCredentials credentials;
    private final String instanceId = InProcessBus.newInstanceId();
    private final Subscribers subscribers = new Subscribers();
    private final ConcurrentLinkedQueue<String> outgoing = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sendQueued = new AtomicBoolean();
    private final CountDownLatch firstListen = new CountDownLatch(1);
    private final SerialExecutor sender;
    private volatile SupervisedThread listener;
    private volatile boolean closed;
    private boolean listenLost;
    private boolean sendLost;
    private Connection sending;

    private PostgresBus(PostgresUrl url, DbCredentials credentials, Supervisor supervisor) {
        this.url = url;
        this.credentials = credentials;
        this.sender = supervisor.executor("vigil-cluster-send");
        this.listener = supervisor.thread("vigil-cluster-listen", this::listen);
    }

    /**
     * Starts listening and returns once it does, or after {@code wait} (the console starts anyway: the bus keeps
     * trying, and says so).
     */
    public static PostgresBus start(PostgresUrl url, DbCredentials credentials, Supervisor supervisor,
                                    Duration wait) {
        PostgresBus bus = new PostgresBus(url, credentials, supervisor);
        try {
            if (!bus.firstListen.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Cluster bus: not listening on {} yet; other instances' messages wait until it is", url);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return bus;
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public boolean clustered() {
        return true;
    }

    @Override
    public void publish(ClusterMessage message) {
        outgoing.add(ClusterPayload.encode(instanceId, message));
        if (sendQueued.compareAndSet(false, true)) {
            sender.execute(this::sendQueued);
        }
    }

    @Override
    public void onListeningAgain(Runnable handler) {
        subscribers.onListeningAgain(handler);
    }

    @Override
    public <T extends ClusterMessage> void subscribe(Class<T> type, Consumer<? super T> handler) {
        subscribers.add(type, handler);
    }

    private Connection connect(String purpose) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", credentials.user());
        properties.setProperty("password", credentials.password());
        properties.setProperty("ApplicationName", "vigil-console " + purpose + " " + instanceId);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = DriverManager.getConnection(url.jdbcUrl(), properties);
        connection.setAutoCommit(true);
        return connection;
    }

    /** The listening thread's loop: connect, LISTEN, poll; on a lost connection, say so once and connect again. */
    private void listen() throws InterruptedException {
        while (!closed) {
            try (Connection connection = connect("cluster-listen")) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (listenLost) {
                    LOG.info("Cluster bus: listening again on {} (messages sent while it was down are lost; the"
                            + " periodic checks and the live queues' catch-up make up for them)", url);
                    listenLost = false;
                    subscribers.listeningAgain();
                }
                firstListen.countDown();
                poll(connection);
            } catch (SQLException e) {
                if (closed) {
                    return;
                }
                if (!listenLost) {
                    listenLost = true;
                    LOG.warn("Cluster bus: lost its listening connection to {} ({}); connecting again every {} s"
                            + " until it is back", url, firstLine(e), RECONNECT.toSeconds());
                }
                Thread.sleep(RECONNECT.toMillis());
            }
        }
    }

    private void poll(Connection connection) throws SQLException, InterruptedException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long lastCheck = System.nanoTime();
        while (!closed) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                for (PGNotification notification : notifications) {
                    receive(notification.getParameter());
                }
                lastCheck = System.nanoTime();
            } else if (System.nanoTime() - lastCheck > ALIVE_CHECK.toNanos()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SELECT 1");
                }
                lastCheck = System.nanoTime();
            }
            SupervisedThread self = listener;
            if (self != null) {
                self.active();
            }
        }
    }

    private void receive(String payload) {
        Optional<ClusterPayload.Received> received = ClusterPayload.decode(payload);
        if (received.isEmpty()) {
            LOG.warn("Cluster bus: ignored a message on {} that is not one of ours ({} chars)", CHANNEL,
                    payload == null ? 0 : payload.length());
            return;
        }
        if (!received.get().instanceId().equals(instanceId)) {
            subscribers.deliver(received.get().message());
        }
    }

    /** The sending thread: everything queued, in batches of {@link #MAX_BATCH}, each in one statement. */
    private void sendQueued() {
        sendQueued.set(false);
        while (!outgoing.isEmpty()) {
            List<String> batch = new ArrayList<>();
            for (String payload; batch.size() < MAX_BATCH && (payload = outgoing.poll()) != null; ) {
                batch.add(payload);
            }
            if (!send(batch) && !send(batch)) {
                // a second try on a new connection failed too: the messages are lost, the checks make up for them
                LOG.debug("Cluster bus: dropped {} messages", batch.size());
            }
        }
    }

    private boolean send(List<String> batch) {
        try {
            if (sending == null) {
                sending = connect("cluster-send");
                if (sendLost) {
                    LOG.info("Cluster bus: sending again on {}", url);
                    sendLost = false;
                }
            }
            try (PreparedStatement statement = sending.prepareStatement(
                    "SELECT pg_notify(?, payload) FROM unnest(CAST(? AS text[])) AS payload")) {
                Array payloads = sending.createArrayOf("text", batch.toArray());
                statement.setString(1, CHANNEL);
                statement.setArray(2, payloads);
                statement.execute();
            }
            return true;
        } catch (SQLException e) {
            closeSending();
            if (!sendLost) {
                sendLost = true;
                LOG.warn("Cluster bus: cannot send to {} ({}); other instances hear of changes at their next"
                        + " periodic check until it can", url, firstLine(e));
            }
            return false;
        }
    }

    private void closeSending() {
        if (sending != null) {
            try {
                sending.close();
            } catch (SQLException e) {
                // it is broken already
            }
            sending = null;
        }
    }

    private static String firstLine(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message).strip();
    }

    /** Sends what is queued, then stops both connections. */
    @Override
    public void close() {
        closed = true;
        sender.close(Duration.ofSeconds(2));
        closeSending();
        listener.close(Duration.ofSeconds(2));
    }
}
