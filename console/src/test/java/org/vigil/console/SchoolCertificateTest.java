package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.edge.WebTransport;
import org.vigil.console.tls.CertificateIssuer;
import org.vigil.console.tls.Pem;

/**
 * A school that has its own certificate (from its CA or a public one) gives the console the PEM files: the web
 * port presents exactly that certificate, and a browser that trusts the school's CA connects. Wrong files are
 * refused before the console starts, with one line naming the file.
 */
class SchoolCertificateTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path files;

    private X509Certificate schoolCa;
    private X509Certificate schoolCertificate;
    private Path certificateFile;
    private Path keyFile;

    @BeforeEach
    void aSchoolCaAndACertificateForTheConsole() throws Exception {
        CertificateIssuer issuer = new CertificateIssuer();
        KeyPair caKeys = issuer.newKeyPair();
        schoolCa = issuer.selfSignedCa(caKeys, "Example Academy Trust CA");
        KeyPair serverKeys = issuer.newKeyPair();
        schoolCertificate = issuer.serverCertificate(serverKeys, schoolCa, caKeys, List.of("vigil.school.example"),
                List.of("127.0.0.1"));
        certificateFile = Files.writeString(files.resolve("vigil.crt"),
                Pem.certificate(schoolCertificate) + Pem.certificate(schoolCa), StandardCharsets.US_ASCII);
        keyFile = Files.writeString(files.resolve("vigil.key"), Pem.privateKey(serverKeys.getPrivate()),
                StandardCharsets.US_ASCII);
    }

    @Test
    void theSchoolsCertificateIsServed() throws Exception {
        try (Console console = Console.start(config(WebTransport.https().withSchoolCertificate(certificateFile,
                keyFile)))) {
            HttpResponse<String> health = HttpsClients.trusting(schoolCa).send(
                    HttpRequest.newBuilder(URI.create(console.httpUrl() + "healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertArrayEquals(schoolCertificate.getEncoded(),
                    health.sslSession().orElseThrow().getPeerCertificates()[0].getEncoded());
        }
    }

    @Test
    void aKeyThatIsNotTheCertificatesIsRefusedNamingBothFiles() throws Exception {
        Path otherKey = Files.writeString(files.resolve("other.key"),
                Pem.privateKey(new CertificateIssuer().newKeyPair().getPrivate()), StandardCharsets.US_ASCII);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Console.start(
                config(WebTransport.https().withSchoolCertificate(certificateFile, otherKey))));
        assertEquals("--https-key " + otherKey + " is not the key of the first certificate in --https-cert "
                + certificateFile, refused.getMessage());
    }

    @Test
    void aMissingOrNonPemFileIsRefusedNamingIt() throws Exception {
        Path missing = files.resolve("no-such.crt");
        IllegalArgumentException noFile = assertThrows(IllegalArgumentException.class, () -> Console.start(
                config(WebTransport.https().withSchoolCertificate(missing, keyFile))));
        assertEquals("--https-cert " + missing + ": no such file", noFile.getMessage());

        Path notPem = Files.writeString(files.resolve("key.txt"), "hunter2\n");
        IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class, () -> Console.start(
                config(WebTransport.https().withSchoolCertificate(certificateFile, notPem))));
        assertTrue(noKey.getMessage().startsWith("--https-key " + notPem + " holds no unencrypted PEM private key"),
                noKey.getMessage());
    }

    private ConsoleConfig config(WebTransport transport) {
        ConsoleConfig loopback = ConsoleConfig.onLoopback(dataDir);
        return loopback.withEdge(loopback.edge().with(transport));
    }
}
