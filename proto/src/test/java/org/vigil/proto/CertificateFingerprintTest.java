package org.vigil.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CertificateFingerprintTest {
    private static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @Test
    void acceptsColonsCaseAndPrefixAsTheSameFingerprint() {
        CertificateFingerprint plain = CertificateFingerprint.parse(HEX);
        CertificateFingerprint printed = CertificateFingerprint.parse("SHA256:" + plain);
        assertEquals(plain, printed);
        assertEquals("01:23:45:67", plain.toString().substring(0, 11));
    }

    @Test
    void refusesWrongLengthAndNonHexWithAReason() {
        IllegalArgumentException shortOne =
                assertThrows(IllegalArgumentException.class, () -> CertificateFingerprint.parse("AB:CD"));
        assertEquals("a SHA-256 fingerprint has 64 hex digits (colons optional), got 4", shortOne.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CertificateFingerprint.parse(HEX.replace('a', 'z')));
    }
}
