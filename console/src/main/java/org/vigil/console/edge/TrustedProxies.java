package org.vigil.console.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The addresses of the proxies in front of the console ({@code --trusted-proxies}, {@code VIGIL_TRUSTED_PROXIES}):
 * only a request that arrives from one of them may say, in {@code X-Forwarded-For} and {@code X-Forwarded-Proto},
 * who the client is and whether it used HTTPS. From anywhere else those headers are ignored.
 */
public record TrustedProxies(Set<InetAddress> addresses) {
    public static final String ENV = "VIGIL_TRUSTED_PROXIES";

    public TrustedProxies {
        addresses = Set.copyOf(addresses);
    }

    public static TrustedProxies none() {
        return new TrustedProxies(Set.of());
    }

    /**
     * Parses a comma-separated list of IP addresses (names are refused: a proxy's name could resolve elsewhere).
     *
     * @throws IllegalArgumentException naming the entry that is not an IP address
     */
    public static TrustedProxies parse(String text) {
        if (text == null || text.isBlank()) {
            return none();
        }
        return new TrustedProxies(List.of(text.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(TrustedProxies::address).collect(Collectors.toSet()));
    }

    public boolean trusts(InetAddress address) {
        return address != null && addresses.contains(address);
    }

    public boolean isEmpty() {
        return addresses.isEmpty();
    }

    /** An IP address literal, never a name to resolve. */
    static InetAddress address(String literal) {
        String bare = literal.startsWith("[") && literal.endsWith("]") ? literal.substring(1, literal.length() - 1)
                : literal;
        if (!bare.matches("[0-9.]+") && !(bare.contains(":") && bare.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+"))) {
            throw new IllegalArgumentException("--trusted-proxies takes IP addresses, got " + literal);
        }
        try {
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--trusted-proxies takes IP addresses, got " + literal);
        }
    }
}
