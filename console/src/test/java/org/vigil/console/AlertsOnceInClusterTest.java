package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.WaitUntil.waitUntil;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vigil.console.alerts.AlertSender;
import org.vigil.console.alerts.MailSettings;
import org.vigil.console.alerts.SmtpUrl;
import org.vigil.proto.v1.EnrollResponse;
import org.vigil.proto.v1.Event;

/**
 * Alerts sent once by one of two console instances on one PostgreSQL (issue 17, ADR 0173), to GreenMail, a real SMTP
 * server: both instances' senders read the outbox every 100 ms, so each alert is wanted by both, and the claim decides.
 */
class AlertsOnceInClusterTest {
    private static final String PASSWORD = "cluster alerts passphrase";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration LEASE = Duration.ofSeconds(4);
    private static final int SMTP_PORT = freePort();
    private static final List<String> DSL_ADDRESSES = List.of("dsl.one@trust.example", "dsl.two@trust.example");

    @RegisterExtension
    static final TwoConsoles cluster = new TwoConsoles(PASSWORD,
            config -> config.withMail(new MailSettings(SmtpUrl.parse("smtp://127.0.0.1:" + SMTP_PORT),
                    "vigil@trust.example")),
            new AlertSender.Timing(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(2), LEASE));
    private static GreenMail smtp;

    @BeforeAll
    static void startSmtpAndDsls() throws Exception {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        for (int i = 0; i < DSL_ADDRESSES.size(); i++) {
            String name = "dsl-" + i;
            assertTrue(cluster.a().services().users().createIfAbsent(name, "not-a-hash", "DSL", false, false,
                    Optional.empty()));
            assertEquals(1, cluster.update("UPDATE users SET email = ? WHERE username = ?", DSL_ADDRESSES.get(i),
                    name));
        }
    }

    @AfterAll
    static void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void captureAlertsStoredThroughBothInstancesAreEachDeliveredExactlyOnce() throws Exception {
        int before = smtp.getReceivedMessages().length;
        int captures = 12;
        try (GrpcTestClient toA = new GrpcTestClient(cluster.a()); GrpcTestClient toB = new GrpcTestClient(cluster.b())) {
            EnrollResponse onA = toA.enroll(cluster.a().mintEnrolmentToken());
            EnrollResponse onB = toB.enroll(cluster.b().mintEnrolmentToken());
            for (int i = 0; i < captures; i++) {
                Event event = Events.disclosure().setSeq(i + 1).build();
                if (i % 2 == 0) {
                    DeviceStream.sendAcked(toA, onA.getDeviceId(), onA.getDeviceSecret(), event, WAIT);
                } else {
                    DeviceStream.sendAcked(toB, onB.getDeviceId(), onB.getDeviceSecret(), event, WAIT);
                }
            }
        }
        int expected = captures * DSL_ADDRESSES.size();
        waitUntil(WAIT, expected + " alerts delivered", () -> cluster.count(
                "SELECT count(*) FROM alert_outbox WHERE delivered_at IS NOT NULL AND kind = 'CAPTURE'") == expected);
        Thread.sleep(1500); // long enough for a second send of any of them, by either instance, to arrive too

        Map<String, Integer> timesReceived = timesReceivedByAlertId(before);
        timesReceived.keySet().retainAll(cluster.texts("SELECT alert_id FROM alert_outbox WHERE kind = 'CAPTURE'"));
        assertEquals(expected, timesReceived.size(), "every alert arrived: " + timesReceived);
        assertTrue(timesReceived.values().stream().allMatch(n -> n == 1), "each exactly once: " + timesReceived);
        assertEquals(0, cluster.count("SELECT count(*) FROM alert_outbox WHERE claimed_by IS NOT NULL"),
                "no claim outlives its send");
    }

    @Test
    void anAlertClaimedByAnInstanceThatDiedIsSentOnceByAnotherWhenTheClaimExpires() throws Exception {
        int before = smtp.getReceivedMessages().length;
        try (GrpcTestClient toA = new GrpcTestClient(cluster.a())) {
            EnrollResponse device = toA.enroll(cluster.a().mintEnrolmentToken());
            DeviceStream.sendAcked(toA, device.getDeviceId(), device.getDeviceSecret(),
                    Events.valid().setSeverity(2).setCategory("bullying").build(), WAIT);
        }
        long captureId = cluster.count("SELECT max(id) FROM captures");
        String alertId = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        long claimedUntil = now + LEASE.toMillis();
        // the row as an instance leaves it when it is killed between its claim and its send
        assertEquals(1, cluster.update("INSERT INTO alert_outbox (alert_id, kind, dedupe_key, capture_id, channel,"
                + " recipient, created_at, next_attempt_at, claimed_by, claimed_until)"
                + " VALUES (?, 'ASSIGNMENT', ?, ?, 'EMAIL', ?, ?, ?, 'c-killed-mid-send', ?)", alertId,
                "dead-claim-" + captureId, captureId, DSL_ADDRESSES.get(0), now, now, claimedUntil));

        Thread.sleep(Math.max(0, claimedUntil - System.currentTimeMillis() - 1000));
        assertEquals(0, timesReceivedByAlertId(before).getOrDefault(alertId, 0), "nobody sends it while claimed");
        waitUntil(WAIT, "the alert delivered once its claim expired", () -> cluster.count(
                "SELECT count(*) FROM alert_outbox WHERE alert_id = ? AND delivered_at IS NOT NULL", alertId) == 1);
        assertTrue(cluster.count("SELECT delivered_at FROM alert_outbox WHERE alert_id = ?", alertId)
                >= claimedUntil, "not before the claim expired");
        Thread.sleep(1500);
        assertEquals(1, timesReceivedByAlertId(before).get(alertId), "sent once, by one of the living instances");
    }

    private static Map<String, Integer> timesReceivedByAlertId(int skip) throws MessagingException {
        MimeMessage[] received = smtp.getReceivedMessages();
        Map<String, Integer> out = new HashMap<>();
        List<MimeMessage> fresh = new ArrayList<>(List.of(received).subList(skip, received.length));
        for (MimeMessage message : fresh) {
            String alertId = message.getHeader("X-Vigil-Alert-Id", null);
            out.merge(alertId.toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        return out;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
