package org.vigil.agent.delivery;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;
import org.vigil.proto.CertificateFingerprint;

/**
 * Trusts the console only if it proves it holds a certificate issued by the CA whose SHA-256 fingerprint the
 * agent's config pins. The chain the console presents must contain the pinned CA certificate; that certificate
 * must be a CA (basicConstraints CA:TRUE); the console's own certificate must be signed by it, be within its
 * validity dates, and name {@code expectedName} (the console's fixed TLS name, whatever address was dialled).
 * Nothing else is trusted: not the system's CAs, and never everything. It accepts no client certificates.
 */
public final class PinnedCaTrustManager extends X509ExtendedTrustManager {
    private static final int DNS_NAME = 2;

    private final CertificateFingerprint pinned;
    private final String expectedName;
    private final Clock clock;

    public PinnedCaTrustManager(CertificateFingerprint pinned, String expectedName, Clock clock) {
        this.pinned = pinned;
        this.expectedName = expectedName;
        this.clock = clock;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws PinnedCaException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws PinnedCaException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws PinnedCaException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws PinnedCaException {
        throw refuseClients();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws PinnedCaException {
        throw refuseClients();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws PinnedCaException {
        throw refuseClients();
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    /** Throws with a message naming what is wrong unless the chain passes every check. */
    public void check(X509Certificate[] chain) throws PinnedCaException {
        if (chain == null || chain.length == 0) {
            throw new PinnedCaException("the console presented no certificate");
        }
        X509Certificate leaf = chain[0];
        X509Certificate ca = null;
        for (X509Certificate cert : chain) {
            if (CertificateFingerprint.of(cert).equals(pinned)) {
                ca = cert;
                break;
            }
        }
        if (ca == null) {
            throw new PinnedCaException("console certificate is not issued by the pinned CA: expected CA fingerprint "
                    + pinned + ", the console presented " + presentedCas(chain)
                    + " (check console.ca.sha256 in the agent config against the console's agent-config output)");
        }
        if (ca.getBasicConstraints() < 0) {
            throw new PinnedCaException("the certificate with the pinned fingerprint " + pinned + " ("
                    + subject(ca) + ") is not a CA certificate (it has no basicConstraints CA:TRUE)");
        }
        try {
            leaf.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new PinnedCaException("console certificate " + subject(leaf) + " is not signed by the pinned CA "
                    + pinned + " (" + subject(ca) + "): " + e.getMessage(), e);
        }
        Date now = Date.from(clock.instant());
        checkValidity(leaf, "console certificate " + subject(leaf), now);
        if (ca != leaf) {
            checkValidity(ca, "pinned CA certificate " + subject(ca), now);
            checkName(leaf);
        }
    }

    private void checkValidity(X509Certificate cert, String what, Date now) throws PinnedCaException {
        try {
            cert.checkValidity(now);
        } catch (CertificateExpiredException e) {
            throw new PinnedCaException(what + " expired on " + cert.getNotAfter().toInstant(), e);
        } catch (CertificateNotYetValidException e) {
            throw new PinnedCaException(what + " is not valid until " + cert.getNotBefore().toInstant()
                    + " (is this device's clock right?)", e);
        }
    }

    private void checkName(X509Certificate leaf) throws PinnedCaException {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = leaf.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> entry : alternatives) {
                    if (entry.size() >= 2 && Integer.valueOf(DNS_NAME).equals(entry.get(0))) {
                        names.add(String.valueOf(entry.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            throw new PinnedCaException("cannot read the names in console certificate " + subject(leaf), e);
        }
        if (names.isEmpty()) {
            String cn = commonName(leaf.getSubjectX500Principal());
            if (!cn.isEmpty()) {
                names.add(cn);
            }
        }
        for (String name : names) {
            if (name.toLowerCase(Locale.ROOT).equals(expectedName.toLowerCase(Locale.ROOT))) {
                return;
            }
        }
        throw new PinnedCaException("console certificate " + subject(leaf) + " is issued by the pinned CA but is for "
                + (names.isEmpty() ? "no name" : String.join(", ", names)) + ", not " + expectedName);
    }

    private static String commonName(X500Principal principal) {
        for (String part : principal.getName(X500Principal.RFC2253).split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return "";
    }

    private static String presentedCas(X509Certificate[] chain) {
        if (chain.length == 1) {
            return "no CA certificate, only its own (" + subject(chain[0]) + ", fingerprint "
                    + CertificateFingerprint.of(chain[0]) + ")";
        }
        List<String> cas = new ArrayList<>();
        for (int i = 1; i < chain.length; i++) {
            cas.add(CertificateFingerprint.of(chain[i]) + " (" + subject(chain[i]) + ")");
        }
        return "CA(s) " + String.join(", ", cas);
    }

    private static String subject(X509Certificate cert) {
        return "\"" + cert.getSubjectX500Principal().getName(X500Principal.RFC2253) + "\"";
    }

    private static PinnedCaException refuseClients() {
        return new PinnedCaException("the agent accepts no client certificates");
    }
}
