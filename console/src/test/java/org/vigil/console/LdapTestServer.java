package org.vigil.console;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.vigil.console.tls.CertificateIssuer;
import org.vigil.console.tls.Pem;

/**
 * A real LDAP server for the directory sync's tests: UnboundID's in-memory directory server listening on loopback
 * over LDAPS ({@code "ldaps"}) and plain LDAP for StartTLS ({@code "starttls"}), with a certificate for localhost
 * from a CA made for the test (written to {@link #caFile} as PEM).
 */
record LdapTestServer(InMemoryDirectoryServer server, Path caFile) implements AutoCloseable {

    /**
     * Starts a server for the base DN. {@code schemaChecked} false takes any attribute, as Active Directory's
     * {@code sAMAccountName} and {@code memberOf} need (the in-memory server's standard schema has neither).
     */
    static LdapTestServer start(String baseDn, Path files, boolean schemaChecked) throws Exception {
        CertificateIssuer issuer = new CertificateIssuer();
        KeyPair caKeys = issuer.newKeyPair();
        X509Certificate ca = issuer.selfSignedCa(caKeys, "Test school CA");
        KeyPair serverKeys = issuer.newKeyPair();
        X509Certificate certificate = issuer.serverCertificate(serverKeys, ca, caKeys, List.of("localhost"),
                List.of("127.0.0.1"));
        Path caFile = Files.writeString(files.resolve("school-ca.pem"), Pem.certificate(ca));
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("ldap", serverKeys.getPrivate(), new char[0], new Certificate[] {certificate, ca});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, new char[0]);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);

        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(baseDn);
        if (!schemaChecked) {
            config.setSchema(null);
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPSConfig("ldaps", loopback, 0, tls.getServerSocketFactory(), null),
                InMemoryListenerConfig.createLDAPConfig("starttls", loopback, 0, tls.getSocketFactory()));
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
        server.startListening();
        return new LdapTestServer(server, caFile);
    }

    String ldapsUrl() {
        return "ldaps://localhost:" + server.getListenPort("ldaps");
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
