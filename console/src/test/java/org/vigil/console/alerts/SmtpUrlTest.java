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

class SmtpUrlTest {

    @Test
    void plainSmtpNamesHostAndPortWithoutCredentials() {
        SmtpUrl url = SmtpUrl.parse("smtp://mail.school.example:2525");
        assertEquals(new SmtpUrl(SmtpUrl.Security.PLAIN, "mail.school.example", 2525, Optional.empty(),
                Optional.empty()), url);
    }

    @Test
    void startTlsWithCredentialsDecodesUserAndPassword() {
        SmtpUrl url = SmtpUrl.parse(
                "smtp+starttls://alerts%40school.example:p%40ss%3Aw%2Fo%25rd%20x@smtp.office365.com:587");
        assertEquals(SmtpUrl.Security.STARTTLS, url.security());
        assertEquals("smtp.office365.com", url.host());
        assertEquals(587, url.port());
        assertEquals(Optional.of("alerts@school.example"), url.username());
        assertEquals(Optional.of("p@ss:w/o%rd x"), url.password());
    }

    @Test
    void smtpsWithCredentialsAndNonAsciiPassword() {
        SmtpUrl url = SmtpUrl.parse("smtps://vigil:gr%C3%BCn@smtp.gmail.com:465");
        assertEquals(SmtpUrl.Security.SMTPS, url.security());
        assertEquals(Optional.of("vigil"), url.username());
        assertEquals(Optional.of("grün"), url.password());
    }

    @Test
    void eachSchemeHasItsUsualPortWhenNoneIsGiven() {
        assertEquals(25, SmtpUrl.parse("smtp://relay.school.example").port());
        assertEquals(587, SmtpUrl.parse("smtp+starttls://smtp-relay.gmail.com").port());
        assertEquals(465, SmtpUrl.parse("SMTPS://u:p@smtp.gmail.com/").port());
    }

    @Test
    void theDescriptionNeverShowsThePassword() {
        SmtpUrl url = SmtpUrl.parse("smtps://vigil:s3cret-Pa55@smtp.gmail.com:465");
        assertEquals("smtps://vigil@smtp.gmail.com:465", url.describe());
        assertFalse(url.toString().contains("s3cret"));
    }

    @Test
    void otherSchemesAreRefusedByName() {
        assertMessage("VIGIL_SMTP_URL must start smtp://, smtp+starttls:// or smtps://, not http://",
                "http://mail.school.example");
        assertMessage("VIGIL_SMTP_URL must start smtp://, smtp+starttls:// or smtps://", "mail.school.example:25");
        assertMessage("VIGIL_SMTP_URL must start smtp://, smtp+starttls:// or smtps://, not smtp+ssl://",
                "smtp+ssl://mail.school.example");
    }

    @Test
    void credentialsOverPlainSmtpAreRefused() {
        assertMessage("VIGIL_SMTP_URL: smtp:// would send the password in clear; use smtp+starttls:// or smtps://",
                "smtp://user:secret@mail.school.example:25");
    }

    @Test
    void badUrlsAreRefusedWithWhatIsWrongAndNeverThePassword() {
        assertMessage("VIGIL_SMTP_URL names a user without a password: write user:password@host",
                "smtps://user@smtp.gmail.com");
        assertMessage("VIGIL_SMTP_URL must be only scheme://[user:password@]host[:port], with no path, query or"
                + " fragment", "smtp://mail.school.example/inbox");
        assertMessage("VIGIL_SMTP_URL: the port must be 1..65535", "smtp://mail.school.example:70000");
        IllegalArgumentException badEscape = assertThrows(IllegalArgumentException.class,
                () -> SmtpUrl.parse("smtps://user:50%-off-secret@smtp.gmail.com"));
        assertTrue(badEscape.getMessage().startsWith("VIGIL_SMTP_URL is not a valid URL (percent-encode"),
                badEscape.getMessage());
        assertFalse(badEscape.getMessage().contains("off-secret"));
        IllegalArgumentException rawAt = assertThrows(IllegalArgumentException.class,
                () -> SmtpUrl.parse("smtps://user:p@ss@word@smtp.gmail.com"));
        assertFalse(rawAt.getMessage().contains("ss@word"), rawAt.getMessage());
    }

    @Test
    void aMailServerNeedsASenderAddress() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MailSettings.from(Optional.of("smtp://mail.school.example"), Optional.empty()));
        assertEquals("VIGIL_ALERT_FROM is needed with VIGIL_SMTP_URL: the address alert emails come from,"
                + " e.g. vigil@school.example", e.getMessage());
        assertEquals(Optional.empty(), MailSettings.from(Optional.of(" "), Optional.of("vigil@school.example")));
        assertThrows(IllegalArgumentException.class,
                () -> MailSettings.from(Optional.of("smtp://mail.school.example"), Optional.of("not an address")));
    }

    @Test
    void serveReadsTheMailSettingsFromTheEnvironmentAndRefusesBadOnesAtStart() {
        ConsoleConfig config = ServeCommand.config(List.of(), Map.of("VIGIL_SMTP_URL",
                "smtps://vigil%40school.example:pw@smtp.gmail.com", "VIGIL_ALERT_FROM", "vigil@school.example",
                "VIGIL_PUBLIC_URL", "https://vigil.school.example/"));
        assertEquals("smtps://vigil@school.example@smtp.gmail.com:465",
                config.mail().orElseThrow().server().describe());
        assertEquals(Optional.of(URI.create("https://vigil.school.example/")), config.publicUrl());
        assertEquals(Optional.empty(), ServeCommand.config(List.of(), Map.of()).mail());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> ServeCommand.config(
                List.of(), Map.of("VIGIL_SMTP_URL", "imap://mail.school.example", "VIGIL_ALERT_FROM", "v@s.example")));
        assertEquals("VIGIL_SMTP_URL must start smtp://, smtp+starttls:// or smtps://, not imap://", bad.getMessage());
        IllegalArgumentException badLink = assertThrows(IllegalArgumentException.class, () -> ServeCommand.config(
                List.of(), Map.of("VIGIL_PUBLIC_URL", "vigil.school.example")));
        assertTrue(badLink.getMessage().startsWith("VIGIL_PUBLIC_URL must be the console's http:// or https://"),
                badLink.getMessage());
    }

    private static void assertMessage(String expected, String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SmtpUrl.parse(url));
        assertEquals(expected, e.getMessage());
    }
}
