package org.vigil.console.edge;

import java.util.Optional;
import org.vigil.console.tls.WebKeys;

/**
 * Where and how the web UI listens.
 *
 * @param keys the key and chain for HTTPS; empty exactly when {@code edge} asks for plain HTTP
 */
public record WebPort(String bindAddress, int port, WebEdge edge, Optional<WebKeys> keys) {
    public WebPort {
        if (edge.transport().plainHttp() != keys.isEmpty()) {
            throw new IllegalArgumentException(edge.transport().plainHttp()
                    ? "plain HTTP takes no key" : "HTTPS needs a key and certificate");
        }
    }

    /** Plain HTTP on this address, no proxies trusted, the default anonymous limit. */
    public static WebPort plainHttp(String bindAddress, int port) {
        return new WebPort(bindAddress, port, WebEdge.defaults().with(WebTransport.plain()), Optional.empty());
    }

    public boolean https() {
        return keys.isPresent();
    }
}
