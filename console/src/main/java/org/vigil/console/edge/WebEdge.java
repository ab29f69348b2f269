package org.vigil.console.edge;

/**
 * What faces the network on the web port: the transport, which proxies are believed, the anonymous rate limit and
 * how many requests the handlers take at once.
 */
public record WebEdge(WebTransport transport, TrustedProxies proxies, RateLimit anonymousLimit,
                      WebCapacity capacity) {
    public WebEdge {
        transport = transport == null ? WebTransport.https() : transport;
        proxies = proxies == null ? TrustedProxies.none() : proxies;
        anonymousLimit = anonymousLimit == null ? RateLimit.DEFAULT : anonymousLimit;
        capacity = capacity == null ? WebCapacity.DEFAULT : capacity;
    }

    /** With the default capacity. */
    public WebEdge(WebTransport transport, TrustedProxies proxies, RateLimit anonymousLimit) {
        this(transport, proxies, anonymousLimit, WebCapacity.DEFAULT);
    }

    /** HTTPS from the console's CA, no proxies trusted, the default limit and capacity. */
    public static WebEdge defaults() {
        return new WebEdge(WebTransport.https(), TrustedProxies.none(), RateLimit.DEFAULT, WebCapacity.DEFAULT);
    }

    public WebEdge with(WebTransport other) {
        return new WebEdge(other, proxies, anonymousLimit, capacity);
    }

    public WebEdge with(TrustedProxies other) {
        return new WebEdge(transport, other, anonymousLimit, capacity);
    }

    public WebEdge with(RateLimit other) {
        return new WebEdge(transport, proxies, other, capacity);
    }

    public WebEdge with(WebCapacity other) {
        return new WebEdge(transport, proxies, anonymousLimit, other);
    }
}
