package org.vigil.proto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The SHA-256 fingerprint of a certificate's DER encoding, written as colon-separated upper-case hex
 * (the form {@code openssl x509 -fingerprint -sha256} prints). Agents pin the console's CA by it.
 */
public record CertificateFingerprint(String hex) {

    public CertificateFingerprint {
        hex = normalise(hex);
        if (hex.length() != 64) {
            throw new IllegalArgumentException(
                    "a SHA-256 fingerprint has 64 hex digits (colons optional), got " + hex.length());
        }
    }

    public static CertificateFingerprint of(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return new CertificateFingerprint(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint certificate", e);
        }
    }

    /** Accepts upper or lower case, with or without colons, with an optional "SHA256:" prefix. */
    public static CertificateFingerprint parse(String text) {
        return new CertificateFingerprint(text);
    }

    private static String normalise(String text) {
        String s = text.strip().toUpperCase(Locale.ROOT);
        if (s.startsWith("SHA256:") || s.startsWith("SHA-256:")) {
            s = s.substring(s.indexOf(':') + 1);
        }
        s = s.replace(":", "");
        if (!s.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
            throw new IllegalArgumentException("a fingerprint is hex digits with optional colons: " + text);
        }
        return s;
    }

    /** Colon-separated, as printed by the console and written in agent configs. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(95);
        for (int i = 0; i < hex.length(); i += 2) {
            if (i > 0) {
                out.append(':');
            }
            out.append(hex, i, i + 2);
        }
        return out.toString();
    }
}
