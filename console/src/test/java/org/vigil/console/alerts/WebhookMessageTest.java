package org.vigil.console.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.vigil.console.store.AlertChannel;
import org.vigil.console.store.AlertContent;
import org.vigil.console.store.AlertKind;
import org.vigil.console.store.CaptureFacts;
import org.vigil.console.store.PendingAlert;

class WebhookMessageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALERT_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
    private static final PendingAlert ALERT = new PendingAlert(ALERT_ID, AlertKind.CAPTURE,
            AlertChannel.WEBHOOK, "webhook", 0, new AlertContent.AboutCapture(new CaptureFacts(42, "suicide", 5,
            Instant.parse("2026-11-27T14:03:09Z"), "pupil07", "lab-pc-07 <&>"), Optional.empty()));
    private static final AlertEmail FACTS = new AlertEmail(URI.create("https://vigil.school.example"),
            ZoneId.of("Europe/London"));

    @Test
    void slackIsOneTextWithTheFactsAndTheLinkEscapedForSlack() throws Exception {
        JsonNode body = parse(WebhookFormat.SLACK);
        assertEquals(1, body.size(), "only text: " + body);
        String text = body.get("text").asText();
        assertTrue(text.startsWith("*Vigil: severity 5 capture (suicide) on lab-pc-07 &lt;&amp;&gt;*\n"), text);
        assertTrue(text.contains("Severity: 5 of 5") && text.contains("Pupil: pupil07 (computer login)")
                && text.contains("Time: Friday 27 November 2026, 14:03:09 (Europe/London"), text);
        assertTrue(text.contains("<https://vigil.school.example/captures/42|Open it in Vigil>"), text);
        assertTrue(text.contains(ALERT_ID), text);
    }

    @Test
    void teamsIsAnAdaptiveCardInAMessageWithTheFactsAndAnOpenUrlAction() throws Exception {
        JsonNode body = parse(WebhookFormat.TEAMS);
        assertEquals("message", body.get("type").asText());
        JsonNode attachment = body.get("attachments").get(0);
        assertEquals("application/vnd.microsoft.card.adaptive", attachment.get("contentType").asText());
        JsonNode card = attachment.get("content");
        assertEquals("AdaptiveCard", card.get("type").asText());
        assertEquals("1.4", card.get("version").asText());
        assertEquals("Vigil: severity 5 capture (suicide) on lab-pc-07 <&>", card.get("body").get(0).get("text")
                .asText());
        JsonNode facts = card.get("body").get(1);
        assertEquals("FactSet", facts.get("type").asText());
        assertEquals("Category", facts.get("facts").get(0).get("title").asText());
        assertEquals("suicide", facts.get("facts").get(0).get("value").asText());
        assertEquals("5 of 5", facts.get("facts").get(1).get("value").asText());
        assertEquals("pupil07 (computer login)", facts.get("facts").get(3).get("value").asText());
        assertEquals(ALERT_ID, facts.get("facts").get(5).get("value").asText());
        JsonNode open = card.get("actions").get(0);
        assertEquals("Action.OpenUrl", open.get("type").asText());
        assertEquals("https://vigil.school.example/captures/42", open.get("url").asText());
    }

    @Test
    void withPupilNamesOffNoFormatCarriesThePupilsLoginAndTimesAreInTheSchoolsZone() throws Exception {
        AlertEmail school = new AlertEmail(URI.create("https://vigil.school.example"), ZoneId.of("Asia/Tokyo"),
                false);
        for (WebhookFormat format : WebhookFormat.values()) {
            String body = new String(new WebhookMessage(school, format).body(ALERT), StandardCharsets.UTF_8);
            assertFalse(body.contains("pupil07"), format + ": " + body);
            assertTrue(body.contains("not named (school setting); see Vigil"), format + ": " + body);
            if (format != WebhookFormat.VIGIL) {
                assertTrue(body.contains("Friday 27 November 2026, 23:03:09 (Asia/Tokyo"), format + ": " + body);
            }
        }
        assertEquals("not named (school setting); see Vigil",
                JSON.readTree(new WebhookMessage(school, WebhookFormat.VIGIL).body(ALERT)).get("pupil").asText());
    }

    @Test
    void vigilFormatHasExactlyTheDocumentedFields() throws Exception {
        JsonNode body = parse(WebhookFormat.VIGIL);
        assertEquals(9, body.size());
        assertEquals("capture", body.get("kind").asText());
        assertEquals("2026-11-27T14:03:09Z", body.get("occurredAt").asText());
        assertEquals(42, body.get("captureId").asLong());
    }

    @Test
    void anEscalationSaysWhyInItsHeadlineAndTitle() throws Exception {
        PendingAlert escalation = new PendingAlert(ALERT_ID, AlertKind.ESCALATION, AlertChannel.WEBHOOK, "webhook", 0,
                new AlertContent.AboutCapture(((AlertContent.AboutCapture) ALERT.content()).facts(),
                        Optional.of("Not opened after 15 minutes")));
        JsonNode vigil = JSON.readTree(new WebhookMessage(FACTS, WebhookFormat.VIGIL).body(escalation));
        assertEquals("escalation", vigil.get("kind").asText());
        assertEquals("Not opened after 15 minutes", vigil.get("headline").asText());
        String slack = JSON.readTree(new WebhookMessage(FACTS, WebhookFormat.SLACK).body(escalation)).get("text")
                .asText();
        assertTrue(slack.startsWith("*Vigil: Not opened after 15 minutes: severity 5 capture (suicide)"), slack);
    }

    @Test
    void aComposedAlertCarriesItsSubjectAndTextAndNoCaptureFields() throws Exception {
        PendingAlert digest = new PendingAlert(ALERT_ID, AlertKind.DIGEST, AlertChannel.WEBHOOK, "webhook", 0,
                new AlertContent.Composed("Vigil: 3 captures overnight", "3 captures of severity 1-3."));
        JsonNode vigil = JSON.readTree(new WebhookMessage(FACTS, WebhookFormat.VIGIL).body(digest));
        assertEquals("Vigil: 3 captures overnight", vigil.get("subject").asText());
        assertEquals("3 captures of severity 1-3.", vigil.get("text").asText());
        assertTrue(vigil.get("captureId") == null, vigil.toString());
        JsonNode teams = JSON.readTree(new WebhookMessage(FACTS, WebhookFormat.TEAMS).body(digest));
        assertEquals("Vigil: 3 captures overnight", teams.get("summary").asText());
    }

    @Test
    void theSignatureIsTheHexHmacOfTheBody() {
        // RFC 4231 test case 2
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                WebhookTransport.signature("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsAFailure() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer hung = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hung.createContext("/", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        hung.start();
        try {
            WebhookSettings settings = WebhookSettings.from(Optional.of("http://127.0.0.1:"
                    + hung.getAddress().getPort() + "/hook"), Optional.of("sixteen+ chars secret"),
                    Optional.empty()).orElseThrow();
            WebhookTransport transport = new WebhookTransport(settings,
                    new WebhookMessage(FACTS, WebhookFormat.VIGIL), Duration.ofMillis(500));
            long start = System.nanoTime();
            IOException failure = assertThrows(IOException.class, () -> transport.deliver(ALERT));
            assertTrue(failure instanceof HttpTimeoutException, failure.toString());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(3)) < 0);
        } finally {
            release.countDown();
            hung.stop(0);
        }
    }

    private static JsonNode parse(WebhookFormat format) throws IOException {
        byte[] body = new WebhookMessage(FACTS, format).body(ALERT);
        String text = new String(body, StandardCharsets.UTF_8);
        assertFalse(text.contains("\"matched") || text.contains("context") || text.contains("window"), text);
        return JSON.readTree(body);
    }
}
