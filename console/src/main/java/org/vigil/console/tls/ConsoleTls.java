package org.vigil.console.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.security.cert.CertificateParsingException;
import org.vigil.console.store.DataDirs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's TLS files in {@code <data>/tls}: ca.pem, ca.key, server.pem, server.key. Made on first use and
 * reused after; a server certificate near its end is reissued from the same CA (the fingerprint agents pin stays).
 */
public final class ConsoleTls {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleTls.class);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private final Path dir;
    private final CertificateIssuer issuer = new CertificateIssuer();

    public ConsoleTls(Path dir) {
        this.dir = dir;
    }

    public Path caCertificateFile() {
        return dir.resolve("ca.pem");
    }

    private Path caKeyFile() {
        return dir.resolve("ca.key");
    }

    private Path serverCertificateFile() {
        return dir.resolve("server.pem");
    }

    private Path serverKeyFile() {
        return dir.resolve("server.key");
    }

    public TlsMaterial loadOrCreate() {
        try {
            DataDirs.createPrivateDirectories(dir);
            boolean caCreated = false;
            if (!Files.exists(caCertificateFile()) || !Files.exists(caKeyFile())) {
                createCa();
                caCreated = true;
            }
            X509Certificate ca = Pem.parseCertificate(read(caCertificateFile()));
            if (caCreated || !Files.exists(serverCertificateFile()) || !Files.exists(serverKeyFile())
                    || expiresSoon(Pem.parseCertificate(read(serverCertificateFile())))) {
                PrivateKey caKey = Pem.parsePrivateKey(read(caKeyFile()), CertificateIssuer.KEY_ALGORITHM);
                createServerCertificate(ca, new KeyPair(ca.getPublicKey(), caKey));
            }
            X509Certificate server = Pem.parseCertificate(read(serverCertificateFile()));
            PrivateKey serverKey = Pem.parsePrivateKey(read(serverKeyFile()), CertificateIssuer.KEY_ALGORITHM);
            return new TlsMaterial(ca, server, serverKey, caCreated);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up the console's TLS files in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void createCa() throws IOException, GeneralSecurityException {
        KeyPair keys = issuer.newKeyPair();
        X509Certificate ca = issuer.selfSignedCa(keys, "Vigil console CA " + MachineName.get());
        DataDirs.writePrivateFile(caKeyFile(), Pem.privateKey(keys.getPrivate()).getBytes(StandardCharsets.US_ASCII));
        Files.writeString(caCertificateFile(), Pem.certificate(ca), StandardCharsets.US_ASCII);
        LOG.info("Created the console CA in {}", dir);
    }

    private void createServerCertificate(X509Certificate ca, KeyPair caKeys) throws IOException, GeneralSecurityException {
        KeyPair keys = issuer.newKeyPair();
        X509Certificate server = issuer.serverCertificate(keys, ca, caKeys,
                CertificateIssuer.serverDnsNames(), CertificateIssuer.serverIpAddresses());
        DataDirs.writePrivateFile(serverKeyFile(), Pem.privateKey(keys.getPrivate()).getBytes(StandardCharsets.US_ASCII));
        Files.writeString(serverCertificateFile(), Pem.certificate(server), StandardCharsets.US_ASCII);
        LOG.info("Issued the console's server certificate for {}", CertificateIssuer.serverDnsNames());
    }

    /** The web port's certificate, its key and the CA that issued it. */
    public record WebCertificate(X509Certificate certificate, PrivateKey key, X509Certificate ca) {
    }

    /**
     * The web port's certificate, issued by the console CA for the names agents use (localhost, this machine) and
     * {@code moreNames} (host names or IP addresses staff type); issued again when a name is added or it nears its
     * end. Kept apart from the agents' server certificate, which this never touches.
     */
    public WebCertificate webCertificate(List<String> moreNames) {
        Path certificateFile = dir.resolve("web.pem");
        Path keyFile = dir.resolve("web.key");
        List<String> dns = new ArrayList<>(CertificateIssuer.serverDnsNames());
        List<String> ips = new ArrayList<>(CertificateIssuer.serverIpAddresses());
        Set<String> wanted = new HashSet<>();
        for (String name : moreNames) {
            if (name.matches("[0-9.]+") || name.contains(":")) {
                String ip = ipText(name);
                ips.add(ip);
                wanted.add(ip);
            } else {
                dns.add(name);
                wanted.add(name);
            }
        }
        try {
            loadOrCreate();
            X509Certificate ca = Pem.parseCertificate(read(caCertificateFile()));
            if (!Files.exists(certificateFile) || !Files.exists(keyFile)
                    || expiresSoon(Pem.parseCertificate(read(certificateFile)))
                    || !names(Pem.parseCertificate(read(certificateFile))).containsAll(wanted)) {
                PrivateKey caKey = Pem.parsePrivateKey(read(caKeyFile()), CertificateIssuer.KEY_ALGORITHM);
                KeyPair keys = issuer.newKeyPair();
                X509Certificate web = issuer.serverCertificate(keys, ca, new KeyPair(ca.getPublicKey(), caKey),
                        List.copyOf(new LinkedHashSet<>(dns)), List.copyOf(new LinkedHashSet<>(ips)));
                DataDirs.writePrivateFile(keyFile,
                        Pem.privateKey(keys.getPrivate()).getBytes(StandardCharsets.US_ASCII));
                Files.writeString(certificateFile, Pem.certificate(web), StandardCharsets.US_ASCII);
                LOG.info("Issued the web certificate for {} {}", dns, ips);
            }
            return new WebCertificate(Pem.parseCertificate(read(certificateFile)),
                    Pem.parsePrivateKey(read(keyFile), CertificateIssuer.KEY_ALGORITHM), ca);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up the web certificate in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** An IP address as certificates spell it (IPv6 in full: 0:0:0:0:0:0:0:1). */
    private static String ipText(String literal) {
        try {
            return InetAddress.getByName(literal).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal);
        }
    }

    /** The DNS names and IP addresses a certificate carries, as text. */
    private static Set<String> names(X509Certificate certificate) throws CertificateParsingException {
        Set<String> names = new HashSet<>();
        Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
        if (alternatives != null) {
            alternatives.forEach(entry -> names.add(String.valueOf(entry.get(1))));
        }
        return names;
    }

    private static boolean expiresSoon(X509Certificate certificate) {
        return certificate.getNotAfter().before(Date.from(Instant.now().plus(RENEW_BEFORE)));
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }
}
