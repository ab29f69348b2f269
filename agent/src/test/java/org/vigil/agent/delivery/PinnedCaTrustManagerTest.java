package org.vigil.agent.delivery;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.vigil.agent.support.TestCerts;
import org.vigil.agent.support.TestCerts.Issued;
import org.vigil.proto.CertificateFingerprint;
import org.vigil.proto.WireNames;

class PinnedCaTrustManagerTest {
    private static final Issued CA = TestCerts.ca("CN=Vigil console CA");
    private static final Issued OTHER_CA = TestCerts.ca("CN=Hostile Wi-Fi CA");
    private static final Issued CONSOLE = TestCerts.server(CA, WireNames.CONSOLE_AUTHORITY);

    private final PinnedCaTrustManager trust = new PinnedCaTrustManager(CertificateFingerprint.of(CA.cert()),
            WireNames.CONSOLE_AUTHORITY, Clock.systemUTC());

    @Test
    void acceptsAConsoleCertificateIssuedByThePinnedCa() {
        assertDoesNotThrow(() -> trust.checkServerTrusted(chain(CONSOLE, CA), "ECDHE_ECDSA"));
    }

    @Test
    void refusesAChainWithoutThePinnedCaNamingBothFingerprints() {
        Issued impostor = TestCerts.server(OTHER_CA, WireNames.CONSOLE_AUTHORITY);

        PinnedCaException e = assertThrows(PinnedCaException.class,
                () -> trust.checkServerTrusted(chain(impostor, OTHER_CA), "ECDHE_ECDSA"));

        assertTrue(e.getMessage().startsWith("console certificate is not issued by the pinned CA: expected CA "
                + "fingerprint " + CertificateFingerprint.of(CA.cert())), e.getMessage());
        assertTrue(e.getMessage().contains("the console presented CA(s) "
                + CertificateFingerprint.of(OTHER_CA.cert())), e.getMessage());
    }

    @Test
    void refusesALeafNotSignedByThePinnedCaEvenWhenTheCaIsInTheChain() {
        Issued impostor = TestCerts.server(OTHER_CA, WireNames.CONSOLE_AUTHORITY);

        PinnedCaException e = assertThrows(PinnedCaException.class,
                () -> trust.checkServerTrusted(chain(impostor, CA), "ECDHE_ECDSA"));

        assertTrue(e.getMessage().contains("is not signed by the pinned CA"), e.getMessage());
    }

    @Test
    void refusesAPinnedCertificateThatIsNotACa() {
        Issued notCa = TestCerts.selfSignedLeaf("CN=vigil-console");
        PinnedCaTrustManager pinnedToLeaf = new PinnedCaTrustManager(CertificateFingerprint.of(notCa.cert()),
                WireNames.CONSOLE_AUTHORITY, Clock.systemUTC());

        PinnedCaException e = assertThrows(PinnedCaException.class,
                () -> pinnedToLeaf.checkServerTrusted(chain(notCa), "ECDHE_ECDSA"));

        assertTrue(e.getMessage().contains("is not a CA certificate"), e.getMessage());
    }

    @Test
    void refusesAnExpiredConsoleCertificate() {
        Issued expired = TestCerts.server(CA, WireNames.CONSOLE_AUTHORITY,
                Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)));

        PinnedCaException e = assertThrows(PinnedCaException.class,
                () -> trust.checkServerTrusted(chain(expired, CA), "ECDHE_ECDSA"));

        assertTrue(e.getMessage().contains("expired on"), e.getMessage());
    }

    @Test
    void refusesACertificateForAnotherName() {
        Issued other = TestCerts.server(CA, "intranet.school.example");

        PinnedCaException e = assertThrows(PinnedCaException.class,
                () -> trust.checkServerTrusted(chain(other, CA), "ECDHE_ECDSA"));

        assertTrue(e.getMessage().contains("not " + WireNames.CONSOLE_AUTHORITY), e.getMessage());
    }

    @Test
    void refusesAConsoleThatSendsOnlyItsOwnCertificate() {
        PinnedCaException e = assertThrows(PinnedCaException.class,
                () -> trust.checkServerTrusted(chain(CONSOLE), "ECDHE_ECDSA"));

        assertTrue(e.getMessage().contains("no CA certificate, only its own"), e.getMessage());
    }

    @Test
    void neverTrustsClientsOrAdvertisesIssuers() {
        assertThrows(PinnedCaException.class, () -> trust.checkClientTrusted(chain(CONSOLE, CA), "ECDHE_ECDSA"));
        assertEquals(0, trust.getAcceptedIssuers().length);
    }

    private static X509Certificate[] chain(Issued... certs) {
        X509Certificate[] out = new X509Certificate[certs.length];
        for (int i = 0; i < certs.length; i++) {
            out[i] = certs[i].cert();
        }
        return out;
    }
}
