package org.vigil.console.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vigil.console.ConsoleConfig;
import org.vigil.console.cli.ServeCommand;

class WebhookSettingsTest {
    private static final String SECRET = "a webhook secret of 32 characters";

    @Test
    void serveReadsTheWebhookFromTheEnvironmentWithVigilAsTheDefaultFormat() {
        ConsoleConfig config = ServeCommand.config(List.of(), Map.of(WebhookSettings.URL_ENV,
                "https://pager.school.example/hooks/vigil", WebhookSettings.SECRET_ENV, SECRET));
        WebhookSettings webhook = config.webhook().orElseThrow();
        assertEquals(URI.create("https://pager.school.example/hooks/vigil"), webhook.url());
        assertEquals(SECRET, webhook.secret());
        assertEquals(WebhookFormat.VIGIL, webhook.format());
        assertEquals(Optional.empty(), ServeCommand.config(List.of(), Map.of()).webhook());
        assertEquals(Optional.empty(), ServeCommand.config(List.of(), Map.of(WebhookSettings.URL_ENV, " ")).webhook());
    }

    @Test
    void teamsAndSlackFormatsAreNamedInAnyCaseAndOthersRefused() {
        assertEquals(WebhookFormat.TEAMS, settings("https://x.example/", "Teams").format());
        assertEquals(WebhookFormat.SLACK, settings("https://x.example/", "slack").format());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> settings("https://x.example/", "discord"));
        assertEquals("VIGIL_ALERT_WEBHOOK_FORMAT must be vigil, teams or slack, not discord", bad.getMessage());
    }

    @Test
    void plainHttpIsRefusedExceptToLoopback() {
        IllegalArgumentException remote = assertThrows(IllegalArgumentException.class,
                () -> settings("http://pager.school.example/hook", "vigil"));
        assertTrue(remote.getMessage().startsWith("VIGIL_ALERT_WEBHOOK_URL must be https://"), remote.getMessage());
        assertTrue(remote.getMessage().contains("not pager.school.example"), remote.getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings("http://10.0.0.5:8080/hook", "vigil"));
        assertThrows(IllegalArgumentException.class, () -> settings("http://127.0.0.1.evil.example/", "vigil"));
        assertThrows(IllegalArgumentException.class, () -> settings("ftp://pager.school.example/", "vigil"));
        assertThrows(IllegalArgumentException.class, () -> settings("pager.school.example/hook", "vigil"));
        for (String loopback : List.of("http://127.0.0.1:8099/hook", "http://localhost/hook", "http://[::1]:80/")) {
            assertEquals(URI.create(loopback), settings(loopback, "vigil").url());
        }
    }

    @Test
    void aSecretIsNeededWithTheUrlAndMustBeAtLeastSixteenCharacters() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> ServeCommand.config(
                List.of(), Map.of(WebhookSettings.URL_ENV, "https://pager.school.example/hook")));
        assertTrue(missing.getMessage().startsWith(
                "VIGIL_ALERT_WEBHOOK_SECRET is needed with VIGIL_ALERT_WEBHOOK_URL"), missing.getMessage());
        IllegalArgumentException shortOne = assertThrows(IllegalArgumentException.class, () -> ServeCommand.config(
                List.of(), Map.of(WebhookSettings.URL_ENV, "https://pager.school.example/hook",
                        WebhookSettings.SECRET_ENV, "fifteen chars!!")));
        assertTrue(shortOne.getMessage().startsWith("VIGIL_ALERT_WEBHOOK_SECRET must be at least 16 characters"),
                shortOne.getMessage());
        assertFalse(shortOne.getMessage().contains("fifteen"), "the secret is never repeated");
    }

    @Test
    void describedWithoutThePathOrTheSecret() {
        WebhookSettings teams = settings("https://school.webhook.office.com/webhookb2/token-1234", "teams");
        assertEquals("https://school.webhook.office.com (teams format)", teams.toString());
        assertFalse(teams.toString().contains(SECRET));
    }

    private static WebhookSettings settings(String url, String format) {
        return WebhookSettings.from(Optional.of(url), Optional.of(SECRET), Optional.of(format)).orElseThrow();
    }
}
