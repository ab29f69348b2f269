package org.vigil.console.edge;

import java.security.KeyStore;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/** The web port's Jetty connector: TLS (a plain HTTP request on it is told to come back over HTTPS), or plain. */
public final class WebConnectors {
    private WebConnectors() {
    }

    /**
     * TLS with the key store's key and chain. A request that is not TLS is still read (Jetty's detector), so the
     * console can redirect it to https rather than leave a newcomer with a dropped connection.
     */
    public static Connector https(Server server, HttpConfiguration base, String host, int port, KeyStore keys,
                                  String keyPassword, TrustedProxies proxies) {
        HttpConfiguration config = new HttpConfiguration(base);
        config.setSecureScheme("https");
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // the console's certificate names the machine, but staff may reach it by an address it does not name:
        // their browser warns them; refusing the request as well would only leave them stuck
        secure.setSniHostCheck(false);
        config.addCustomizer(secure);
        config.addCustomizer(new ForwardedByTrustedProxy(proxies));
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(keys);
        ssl.setKeyStorePassword(keyPassword);
        ssl.setKeyManagerPassword(keyPassword);
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        HttpConnectionFactory http = new HttpConnectionFactory(config);
        SslConnectionFactory tls = new SslConnectionFactory(ssl, http.getProtocol());
        ServerConnector connector = new ServerConnector(server, new DetectorConnectionFactory(tls), http);
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    /** Plain HTTP, for a console behind a proxy that does TLS; the proxy may say the client used https. */
    public static Connector plain(Server server, HttpConfiguration base, String host, int port,
                                  TrustedProxies proxies) {
        HttpConfiguration config = new HttpConfiguration(base);
        config.addCustomizer(new ForwardedByTrustedProxy(proxies));
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(config));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }
}
