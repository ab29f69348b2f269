package org.vigil.console.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The web port's key and certificate chain as a key store for Jetty: the console CA's web certificate, or the
 * school's own PEM files (a chain, server certificate first, and an unencrypted PKCS#8, PKCS#1 or SEC1 key, as
 * certbot, OpenSSL and most CAs hand them out).
 */
public final class WebKeys {
    /** The in-memory store's password: the store never leaves the process. */
    public static final String PASSWORD = "vigil-web";

    private final KeyStore store;
    private final X509Certificate certificate;

    private WebKeys(KeyStore store, X509Certificate certificate) {
        this.store = store;
        this.certificate = certificate;
    }

    public KeyStore keyStore() {
        return store;
    }

    /** The certificate the web port presents. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** The console CA's web certificate for its own names and {@code names}. */
    public static WebKeys fromConsoleCa(ConsoleTls tls, List<String> names) {
        ConsoleTls.WebCertificate web = tls.webCertificate(names);
        return of(web.key(), List.of(web.certificate(), web.ca()));
    }

    /**
     * The school's certificate and key.
     *
     * @throws IllegalArgumentException one line naming the file and what is wrong with it
     */
    public static WebKeys fromSchoolPem(Path certificateFile, Path keyFile) {
        List<X509Certificate> chain = new ArrayList<>();
        for (Object item : pemItems(certificateFile, "--https-cert")) {
            if (item instanceof X509CertificateHolder holder) {
                try {
                    chain.add(new JcaX509CertificateConverter().getCertificate(holder));
                } catch (GeneralSecurityException e) {
                    throw new IllegalArgumentException("--https-cert " + certificateFile + ": a certificate that"
                            + " cannot be read: " + e.getMessage());
                }
            }
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("--https-cert " + certificateFile + " holds no PEM certificate"
                    + " (-----BEGIN CERTIFICATE-----)");
        }
        PrivateKey key = null;
        for (Object item : pemItems(keyFile, "--https-key")) {
            try {
                if (item instanceof PrivateKeyInfo info) {
                    key = new JcaPEMKeyConverter().getPrivateKey(info);
                } else if (item instanceof PEMKeyPair pair) {
                    key = new JcaPEMKeyConverter().getKeyPair(pair).getPrivate();
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("--https-key " + keyFile + ": a key that cannot be read: "
                        + e.getMessage());
            }
        }
        if (key == null) {
            throw new IllegalArgumentException("--https-key " + keyFile + " holds no unencrypted PEM private key"
                    + " (-----BEGIN PRIVATE KEY-----; an encrypted key must be decrypted first: openssl pkey -in"
                    + " KEY -out KEY.pem)");
        }
        if (!matches(key, chain.get(0))) {
            throw new IllegalArgumentException("--https-key " + keyFile + " is not the key of the first certificate"
                    + " in --https-cert " + certificateFile);
        }
        return of(key, chain);
    }

    private static WebKeys of(PrivateKey key, List<X509Certificate> chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("web", key, PASSWORD.toCharArray(), chain.toArray(new Certificate[0]));
            return new WebKeys(store, chain.get(0));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot hold the web port's key: " + e.getMessage(), e);
        }
    }

    /** Whether the key signs what the certificate's public key verifies. */
    private static boolean matches(PrivateKey key, X509Certificate certificate) {
        try {
            String algorithm = switch (key.getAlgorithm()) {
                case "EC" -> "SHA256withECDSA";
                case "RSA" -> "SHA256withRSA";
                case "Ed25519", "EdDSA" -> "Ed25519";
                default -> null;
            };
            if (algorithm == null) {
                return true;
            }
            byte[] probe = "vigil".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static List<Object> pemItems(Path file, String option) {
        List<Object> items = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                items.add(item);
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(option + " " + file + ": no such file");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(option + " " + file + " holds bytes that are not PEM text (a DER or"
                    + " PKCS#12 file?): give the PEM form, e.g. openssl x509 -inform der -in FILE -out FILE.pem");
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(option + " " + file + " is not a readable PEM file: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        return items;
    }
}
