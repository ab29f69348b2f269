package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.vigil.testing.WaitUntil.waitUntil;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vigil.console.alerts.AlertEmail;
import org.vigil.console.alerts.MailSettings;
import org.vigil.console.alerts.SmtpMailTransport;
import org.vigil.console.alerts.SmtpUrl;

/**
 * The alert sender's round shares one SMTP session: a burst of alerts does not pay a connect and EHLO per email
 * (the benchmark's 20 emails/s), and the session is closed when the round ends. Counted at a TCP relay in front of
 * GreenMail, a real SMTP server.
 */
class SmtpSessionPerRoundTest {
    private GreenMail smtp;
    private TcpProxy relay;
    private SmtpMailTransport transport;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        relay = new TcpProxy(port);
        transport = new SmtpMailTransport(new MailSettings(SmtpUrl.parse("smtp://127.0.0.1:" + relay.port()),
                "vigil@school.example"), Duration.ofSeconds(5), Clock.systemUTC());
    }

    @AfterEach
    void stop() throws Exception {
        transport.roundDone();
        relay.close();
        smtp.stop();
    }

    @Test
    void theEmailsOfOneRoundGoOverOneConnectionAndTheNextRoundOpensAnother() throws Exception {
        for (int i = 0; i < 5; i++) {
            transport.send(message("dsl" + i + "@school.example"));
        }
        transport.roundDone();
        assertEquals(5, smtp.getReceivedMessages().length);
        assertEquals(1, relay.accepted(), "one SMTP session for the round");

        transport.send(message("dsl9@school.example"));
        transport.roundDone();
        assertEquals(6, smtp.getReceivedMessages().length);
        assertEquals(2, relay.accepted(), "a new round, a new session");
    }

    @Test
    void aSessionTheServerDroppedIsOpenedAgainWithinTheRound() throws Exception {
        transport.send(message("dsl1@school.example"));
        relay.cut();
        // the port the relay closed may take a moment to be free again
        waitUntil(Duration.ofSeconds(10), "the relay listens again on its port", () -> {
            try {
                relay.restore();
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        transport.send(message("dsl2@school.example"));
        transport.roundDone();
        assertEquals(2, smtp.getReceivedMessages().length);
        assertEquals(2, relay.accepted());
    }

    private static AlertEmail.Message message(String to) {
        return new AlertEmail.Message(UUID.randomUUID().toString(), to, "Vigil: severity 5 capture (suicide)",
                "A severity 5 capture needs a DSL: https://vigil.school.example/captures/1");
    }
}
