package org.vigil.console.edge;

/** What faces the network on the web port: the transport, which proxies are believed, the anonymous rate limit. */
public record WebEdge(WebTransport transport, TrustedProxies proxies, RateLimit anonymousLimit) {
    public WebEdge {
        transport = transport == null ? WebTransport.https() : transport;
        proxies = proxies == null ? TrustedProxies.none() : proxies;
        anonymousLimit = anonymousLimit == null ? RateLimit.DEFAULT : anonymousLimit;
    }

    /** HTTPS from the console's CA, no proxies trusted, the default limit. */
    public static WebEdge defaults() {
        return new WebEdge(WebTransport.https(), TrustedProxies.none(), RateLimit.DEFAULT);
    }

    public WebEdge with(WebTransport other) {
        return new WebEdge(other, proxies, anonymousLimit);
    }

    public WebEdge with(TrustedProxies other) {
        return new WebEdge(transport, other, anonymousLimit);
    }

    public WebEdge with(RateLimit other) {
        return new WebEdge(transport, proxies, other);
    }
}
