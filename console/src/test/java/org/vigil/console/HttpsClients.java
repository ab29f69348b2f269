package org.vigil.console;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** HTTP clients that trust one CA only (the console's own, or a school's), as a browser that was given it would. */
final class HttpsClients {
    private HttpsClients() {
    }

    static HttpClient trusting(X509Certificate ca) throws GeneralSecurityException, IOException {
        return HttpClient.newBuilder().sslContext(context(ca)).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Trusting the CA in a PEM file, e.g. {@code <data>/tls/ca.pem}. */
    static HttpClient trusting(Path caPem) throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(caPem)) {
            return trusting((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
    }

    static SSLContext context(X509Certificate ca) throws GeneralSecurityException, IOException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", ca);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
