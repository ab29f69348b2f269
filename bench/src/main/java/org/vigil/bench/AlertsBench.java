package org.vigil.bench;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.FolderListener;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.grpc.ManagedChannel;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.vigil.console.alerts.MailSettings;
import org.vigil.console.alerts.SmtpUrl;
import org.vigil.console.auth.Role;
import org.vigil.proto.v1.Event;

/**
 * Capture stored to alert email accepted by the mail server: a real console in this JVM, configured through its own
 * mail settings to send to a real SMTP server (GreenMail, on a free loopback port) where {@code dsls} DSLs have a
 * mailbox. Simulated agents on {@code devices} TLS connections send {@code captures} severity 5 captures, one every
 * 50-100 ms spread over the devices, or all at once ({@code burst}). For every email: time from its capture's ack
 * at the agent (the capture is committed) to GreenMail storing the message in the DSL's inbox, which happens before
 * it answers the end of DATA. Emails are matched to captures by their X-Vigil-Alert-Id header and the outbox.
 */
final class AlertsBench {
    private static final String ALERT_ID_HEADER = "X-Vigil-Alert-Id";
    private static final int WINDOW = 64;
    private static final int WARM_UP = 10;
    private static final long GOAL_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final int captures;
    private final int dsls;
    private final int devices;
    private final boolean burst;

    AlertsBench(int captures, int dsls, int devices, boolean burst) {
        this.captures = captures;
        this.dsls = dsls;
        this.devices = devices;
        this.burst = burst;
    }

    /** An email stored in a DSL's inbox: which message (1-based, inboxes are never expunged here) and when. */
    private record Arrival(MailFolder inbox, int msn, long nanos) {
        String alertId() throws MessagingException {
            return inbox.getMessages().get(msn - 1).getMimeMessage().getHeader(ALERT_ID_HEADER, null);
        }
    }

    void run() throws Exception {
        int port = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        MailSettings mail = new MailSettings(SmtpUrl.parse("smtp://127.0.0.1:" + port), "vigil@bench.example");
        List<ManagedChannel> channels = new ArrayList<>();
        try (BenchConsole bench = new BenchConsole(config -> config.withMail(mail)
                .withPublicUrl(URI.create("https://vigil.bench.example/")))) {
            List<Arrival> arrivals = new CopyOnWriteArrayList<>();
            for (int d = 1; d <= dsls; d++) {
                String address = "dsl" + d + "@bench.example";
                bench.console().services().administration().create("bench", "dsl-" + d, Role.DSL, false,
                        Optional.of(address));
                listen(smtp, smtp.setUser(address, address, "not-used"), arrivals);
            }
            Map<String, Long> ackedAt = new ConcurrentHashMap<>();
            AtomicLong ended = new AtomicLong();
            List<SimulatedAgent> agents = bench.connectAgents(devices, channels, (channel, credentials) ->
                    new SimulatedAgent(channel, credentials, WINDOW, error -> ended.incrementAndGet(),
                            eventId -> ackedAt.put(eventId, System.nanoTime())));
            System.out.printf(Locale.ROOT, "alerts: %d DSLs with an address, %d devices, SMTP on 127.0.0.1:%d;"
                    + " warm-up of %d paced captures...%n", dsls, devices, port, WARM_UP);
            round(bench, agents, 0, WARM_UP, false, arrivals, ackedAt, ended);
            System.out.printf(Locale.ROOT, "measuring %d captures, %s...%n", captures,
                    burst ? "all at once" : "one every 50-100 ms");
            String result = round(bench, agents, WARM_UP, captures, burst, arrivals, ackedAt, ended);
            System.out.println("alerts: " + result);
            agents.forEach(SimulatedAgent::close);
        } finally {
            channels.forEach(ManagedChannel::shutdownNow);
            smtp.stop();
        }
    }

    /** Sends captures {@code firstSeq}, {@code firstSeq + 1}, ... over the agents in turn; returns the figures. */
    private String round(BenchConsole bench, List<SimulatedAgent> agents, int firstSeq, int count, boolean allAtOnce,
                         List<Arrival> arrivals, Map<String, Long> ackedAt, AtomicLong ended) throws Exception {
        int arrivedBefore = arrivals.size();
        Set<String> eventIds = new HashSet<>();
        Random pacing = new Random(count);
        long start = System.nanoTime();
        long next = start;
        for (int i = 0; i < count; i++) {
            if (!allAtOnce) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                next += TimeUnit.MILLISECONDS.toNanos(50 + pacing.nextInt(51));
            }
            Event event = BenchEvents.capture(firstSeq + i, "suicide", 5);
            eventIds.add(event.getEventId());
            agents.get(i % agents.size()).send(event);
        }
        long sent = System.nanoTime();
        long expected = (long) count * dsls;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (arrivals.size() - arrivedBefore < expected && ended.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(1000); // anything sent twice would arrive by now
        if (ended.get() > 0) {
            throw new IllegalStateException(ended.get() + " agent streams ended");
        }
        Map<String, String> eventByAlert = emailAlerts(bench);
        Map<String, Integer> timesReceived = new HashMap<>();
        List<Long> latencies = new ArrayList<>();
        for (Arrival arrival : arrivals.subList(arrivedBefore, arrivals.size())) {
            String alertId = arrival.alertId();
            timesReceived.merge(alertId, 1, Integer::sum);
            String eventId = eventByAlert.get(alertId);
            Long acked = eventId == null ? null : ackedAt.get(eventId);
            if (acked == null || !eventIds.contains(eventId)) {
                throw new IllegalStateException("an email for no capture of this round: alert " + alertId);
            }
            latencies.add(arrival.nanos() - acked);
        }
        long acked = eventIds.stream().filter(ackedAt::containsKey).count();
        long repeated = timesReceived.values().stream().filter(n -> n > 1).count();
        latencies.sort(null);
        double p99 = Percentiles.millis(latencies, 0.99);
        return String.format(Locale.ROOT, "%d captures %s (sent over %.1f s), %d acked; %d of %d emails"
                        + " delivered, %d distinct alert ids, %d received more than once; ack -> email accepted:"
                        + " p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms; p99 < 5 s: %s",
                count, allAtOnce ? "in one burst" : "paced", (sent - start) / 1e9, acked, latencies.size(),
                expected, timesReceived.size(), repeated, Percentiles.millis(latencies, 0.50), Percentiles.millis(latencies, 0.90),
                p99, Percentiles.millis(latencies, 1.0), latencies.size() == expected && p99 * 1e6 < GOAL_NANOS
                        ? "yes" : "NO");
    }

    /** Each email alert's capture, as the console's outbox records it: alert id to the agent's event id. */
    private static Map<String, String> emailAlerts(BenchConsole bench) throws SQLException {
        Map<String, String> eventByAlert = new HashMap<>();
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:"
                + bench.console().dataDir().resolve("vigil.db"));
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT a.alert_id, c.event_id FROM alert_outbox a"
                     + " JOIN captures c ON c.id = a.capture_id WHERE a.channel = 'EMAIL'")) {
            while (rows.next()) {
                eventByAlert.put(rows.getString(1), rows.getString(2));
            }
        }
        return eventByAlert;
    }

    /** Records the time of every message stored in the user's inbox, on GreenMail's SMTP thread. */
    private static void listen(GreenMail smtp, GreenMailUser user, List<Arrival> arrivals) throws FolderException {
        MailFolder inbox = smtp.getManagers().getImapHostManager().getInbox(user);
        inbox.addListener(new FolderListener() {
            @Override
            public void added(int msn) {
                arrivals.add(new Arrival(inbox, msn, System.nanoTime()));
            }

            @Override
            public void expunged(int msn) {
            }

            @Override
            public void flagsUpdated(int msn, Flags flags, Long uid) {
            }

            @Override
            public void mailboxDeleted() {
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
