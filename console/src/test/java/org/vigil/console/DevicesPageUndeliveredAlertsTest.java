package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.proto.v1.EnrollResponse;

/**
 * /devices shows IT and the DSL which alerts are not delivered yet, per channel, since when and why (as /overview
 * does): counts and errors only, never what a capture says.
 */
class DevicesPageUndeliveredAlertsTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;
    private Console console;
    private GrpcTestClient client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        console.close();
    }

    @Test
    void withoutAMailServerTheDevicesPageSaysHowManyAlertsWaitAndWhyWithoutTheirContent() throws Exception {
        console = Console.start(AdminDsl.seed(ConsoleConfig.onLoopback(dataDir).withPlainHttp(), PASSWORD));
        WebSession dsl = WebSession.signIn(console, "admin", PASSWORD);
        WebSession it = WebSession.newUser(console, dsl, "it-admin", "IT_ADMIN");
        for (WebSession session : List.of(it, dsl)) {
            assertFalse(session.get("/devices").body().contains("not delivered yet"), "nothing waits yet");
        }
        assertTrue(console.services().users().createIfAbsent("dsl-one", "not-a-hash", "DSL", false, false,
                Optional.of("dsl.one@school.example")));
        client = new GrpcTestClient(console);
        EnrollResponse device = client.enroll(console.mintEnrolmentToken());
        DeviceStream.sendAcked(client, device.getDeviceId(), device.getDeviceSecret(), Events.disclosure().build(),
                WAIT);

        for (WebSession session : List.of(it, dsl)) {
            HttpResponse<String> page = session.get("/devices");
            assertEquals(200, page.statusCode());
            String body = page.body();
            assertTrue(body.contains("id=\"alerts-undelivered-email\""), body);
            assertTrue(body.contains("<strong>Email: 1 alert(s) not delivered yet</strong>"), body);
            assertTrue(body.contains("no mail server configured (set it on the settings page, or VIGIL_SMTP_URL and VIGIL_ALERT_FROM)"), body);
            assertFalse(body.contains("alerts-undelivered-webhook"), "nothing waits on the webhook");
            assertFalse(body.contains(Events.DISCLOSURE_MATCHED) || body.contains(Events.DISCLOSURE_WINDOW),
                    "no capture content");
        }
    }
}
