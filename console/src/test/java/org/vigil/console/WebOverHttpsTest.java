package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.edge.WebTransport;

/**
 * The web port as {@code serve} runs it by default (issue 13): TLS with a certificate from the console's own CA,
 * over a real handshake with a client that trusts that CA and nothing else; HSTS; Secure session and sign-in
 * cookies; plain HTTP typed at the same port sent to HTTPS.
 */
class WebOverHttpsTest {
    private static final String PASSWORD = "https test admin password";

    @RegisterExtension
    static final RunningConsole console = RunningConsole.overHttps(PASSWORD);

    @TempDir
    Path otherData;

    @Test
    void theWebUiIsHttpsWithACertificateFromTheConsoleCa() throws Exception {
        Console running = console.get();
        assertTrue(running.httpUrl().startsWith("https://127.0.0.1:"), running.httpUrl());
        HttpResponse<String> login = HttpsClients.trusting(running.caCertificate()).send(
                HttpRequest.newBuilder(URI.create(running.httpUrl() + "login")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode());
        X509Certificate served = (X509Certificate) login.sslSession().orElseThrow().getPeerCertificates()[0];
        served.verify(running.caCertificate().getPublicKey());
        assertEquals("max-age=31536000", login.headers().firstValue("Strict-Transport-Security").orElse(""));
    }

    @Test
    void aClientThatDoesNotTrustTheConsoleCaIsRefusedTheHandshake() {
        HttpClient systemTrust = HttpClient.newHttpClient();
        assertThrows(SSLHandshakeException.class, () -> systemTrust.send(
                HttpRequest.newBuilder(URI.create(console.get().httpUrl() + "healthz")).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void sessionAndSignInCookiesAreSecure() throws Exception {
        WebSession visitor = new WebSession(console.get());
        HttpResponse<String> form = visitor.get("/login");
        assertSecure(form.headers().allValues("Set-Cookie"), "vigil_login");
        HttpResponse<String> signedIn = visitor.signInAttempt("admin", PASSWORD);
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        assertSecure(signedIn.headers().allValues("Set-Cookie"), "vigil_session");
        visitor.completeSignIn("admin", visitor.location(signedIn));
        assertEquals(200, visitor.get("/users").statusCode(), "the Secure cookie comes back over HTTPS");
    }

    @Test
    void plainHttpTypedAtTheHttpsPortIsSentToHttps() throws Exception {
        int port = console.get().httpPort();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/captures?status=NEW")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(308, answer.statusCode());
        assertEquals("https://127.0.0.1:" + port + "/captures?status=NEW",
                answer.headers().firstValue("Location").orElse(""));
        assertFalse(answer.headers().firstValue("Strict-Transport-Security").isPresent(),
                "HSTS is only ever sent over HTTPS");
        assertFalse(answer.body().contains("<form"), "nothing of the console is served over plain HTTP");
    }

    @Test
    void theCertificateNamesTheHostsAndAddressesAskedFor() throws Exception {
        ConsoleConfig config = ConsoleConfig.onLoopback(otherData).withEdge(ConsoleConfig.onLoopback(otherData).edge()
                .with(WebTransport.https().withNames(List.of("vigil.school.example", "10.20.30.40"))));
        try (Console named = Console.start(config)) {
            HttpResponse<String> health = HttpsClients.trusting(named.caCertificate()).send(
                    HttpRequest.newBuilder(URI.create(named.httpUrl() + "healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            X509Certificate served = (X509Certificate) health.sslSession().orElseThrow().getPeerCertificates()[0];
            Set<String> names = served.getSubjectAlternativeNames().stream().map(entry -> entry.get(1).toString())
                    .collect(Collectors.toSet());
            assertTrue(names.containsAll(Set.of("vigil.school.example", "10.20.30.40", "localhost", "127.0.0.1")),
                    names.toString());
        }
    }

    private static void assertSecure(List<String> setCookies, String name) {
        String cookie = setCookies.stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " cookie in " + setCookies));
        assertTrue(cookie.contains("Secure"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
    }
}
