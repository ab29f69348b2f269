package org.vigil.console.tls;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.vigil.proto.CertificateFingerprint;

/** The console's CA and the server certificate it issued, with the server's key. */
public record TlsMaterial(X509Certificate caCertificate, X509Certificate serverCertificate,
                          PrivateKey serverKey, boolean caCreatedNow) {

    public CertificateFingerprint caFingerprint() {
        return CertificateFingerprint.of(caCertificate);
    }

    /** The chain the server presents: its own certificate, then the CA (agents pin the CA). */
    public byte[] serverChainPem() {
        return (Pem.certificate(serverCertificate) + Pem.certificate(caCertificate)).getBytes(StandardCharsets.US_ASCII);
    }

    public byte[] serverKeyPem() {
        return Pem.privateKey(serverKey).getBytes(StandardCharsets.US_ASCII);
    }
}
