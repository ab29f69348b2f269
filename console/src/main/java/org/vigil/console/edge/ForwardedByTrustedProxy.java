package org.vigil.console.edge;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Believes {@code X-Forwarded-For} and {@code X-Forwarded-Proto} only on a request that comes from a trusted proxy:
 * the client is the right-most address in {@code X-Forwarded-For} that is not itself a trusted proxy (what a proxy
 * appends, not what the client wrote before it), and the request counts as secure when the proxy says
 * {@code https}. From any other address the headers change nothing, so the login throttle and the anonymous rate
 * limit key on the real client and a forged header is ignored. Jetty's own {@code ForwardedRequestCustomizer} trusts
 * every sender and takes the left-most address, which the client writes.
 */
public final class ForwardedByTrustedProxy implements HttpConfiguration.Customizer {
    static final String FORWARDED_FOR = "X-Forwarded-For";
    static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private final TrustedProxies proxies;

    public ForwardedByTrustedProxy(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        if (proxies.isEmpty() || !(request.getConnectionMetaData().getRemoteSocketAddress()
                instanceof InetSocketAddress remote) || !proxies.trusts(remote.getAddress())) {
            return request;
        }
        Optional<InetAddress> client = client(request.getHeaders().getValuesList(FORWARDED_FOR));
        Optional<Boolean> https = proto(request.getHeaders().getValuesList(FORWARDED_PROTO));
        if (client.isEmpty() && https.isEmpty()) {
            return request;
        }
        SocketAddress clientAddress = client.<SocketAddress>map(a -> new InetSocketAddress(a, remote.getPort()))
                .orElse(remote);
        boolean secure = https.orElse(request.isSecure());
        return new Forwarded(request, clientAddress, secure);
    }

    /** The right-most address that is not a trusted proxy; empty if the header is missing or malformed. */
    Optional<InetAddress> client(List<String> headerValues) {
        List<String> hops = new ArrayList<>();
        for (String value : headerValues) {
            for (String hop : value.split(",")) {
                hops.add(hop.strip());
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop;
            try {
                hop = TrustedProxies.address(hops.get(i));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (!proxies.trusts(hop)) {
                return Optional.of(hop);
            }
        }
        return Optional.empty();
    }

    private static Optional<Boolean> proto(List<String> headerValues) {
        if (headerValues.isEmpty()) {
            return Optional.empty();
        }
        String[] last = headerValues.get(headerValues.size() - 1).split(",");
        String proto = last[last.length - 1].strip().toLowerCase(Locale.ROOT);
        return switch (proto) {
            case "https" -> Optional.of(true);
            case "http" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /** The request as the client made it, behind the proxy. */
    private static final class Forwarded extends Request.Wrapper {
        private final ConnectionMetaData metaData;
        private final HttpURI uri;
        private final boolean secure;

        Forwarded(Request request, SocketAddress client, boolean secure) {
            super(request);
            this.secure = secure;
            this.uri = HttpURI.build(request.getHttpURI()).scheme(secure ? "https" : "http").asImmutable();
            this.metaData = new ConnectionMetaData.Wrapper(request.getConnectionMetaData()) {
                @Override
                public SocketAddress getRemoteSocketAddress() {
                    return client;
                }

                @Override
                public boolean isSecure() {
                    return secure;
                }
            };
        }

        @Override
        public ConnectionMetaData getConnectionMetaData() {
            return metaData;
        }

        @Override
        public HttpURI getHttpURI() {
            return uri;
        }

        @Override
        public boolean isSecure() {
            return secure;
        }
    }
}
