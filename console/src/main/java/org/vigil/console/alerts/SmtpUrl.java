package org.vigil.console.alerts;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Where alert emails go, from {@code VIGIL_SMTP_URL}: {@code smtp://host[:port]} (plain, no credentials: they
 * would cross the network in clear), {@code smtp+starttls://[user:pass@]host[:port]} (STARTTLS required) or
 * {@code smtps://[user:pass@]host[:port]} (TLS from the first byte). User and password are percent-decoded, so a
 * password holding {@code @ : / %} is written {@code %40 %3A %2F %25}. Messages never repeat the URL: it may
 * hold the password.
 */
public record SmtpUrl(Security security, String host, int port, Optional<String> username,
                      Optional<String> password) {
    public static final String ENV = "VIGIL_SMTP_URL";

    /** How the connection is protected. */
    public enum Security {
        PLAIN("smtp", 25),
        STARTTLS("smtp+starttls", 587),
        SMTPS("smtps", 465);

        private final String scheme;
        private final int defaultPort;

        Security(String scheme, int defaultPort) {
            this.scheme = scheme;
            this.defaultPort = defaultPort;
        }

        public String scheme() {
            return scheme;
        }
    }

    public SmtpUrl {
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException(ENV + " needs both a user and a password, or neither");
        }
    }

    /**
     * Parses the URL.
     *
     * @throws IllegalArgumentException with a message that names what is wrong (never the password)
     */
    public static SmtpUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(ENV + " is not a valid URL (percent-encode @ : / % in the user and"
                    + " password, e.g. %40 for @)");
        }
        String scheme = Optional.ofNullable(uri.getScheme()).map(s -> s.toLowerCase(Locale.ROOT)).orElse("");
        Security security = null;
        for (Security candidate : Security.values()) {
            if (candidate.scheme.equals(scheme)) {
                security = candidate;
            }
        }
        if (security == null || uri.isOpaque()) {
            throw new IllegalArgumentException(ENV + " must start smtp://, smtp+starttls:// or smtps://"
                    + (scheme.isEmpty() || uri.isOpaque() ? "" : ", not " + scheme + "://"));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(ENV + " names no mail server host (e.g. smtp+starttls://"
                    + "user:password@smtp.office365.com:587)");
        }
        if (!(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(ENV + " must be only scheme://[user:password@]host[:port], with no"
                    + " path, query or fragment");
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(ENV + " names a user without a password: write user:password@host");
            }
            user = Optional.of(percentDecode(userInfo.substring(0, colon)));
            password = Optional.of(percentDecode(userInfo.substring(colon + 1)));
        }
        if (security == Security.PLAIN && user.isPresent()) {
            throw new IllegalArgumentException(ENV + ": smtp:// would send the password in clear; use"
                    + " smtp+starttls:// or smtps://");
        }
        int port = uri.getPort() == -1 ? security.defaultPort : uri.getPort();
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(ENV + ": the port must be 1..65535");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        return new SmtpUrl(security, host, port, user, password);
    }

    private static String percentDecode(String raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < raw.length()) {
            int percent = raw.indexOf('%', i);
            int end = percent < 0 ? raw.length() : percent;
            out.writeBytes(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
            if (percent < 0) {
                break;
            }
            int high = percent + 2 < raw.length() ? Character.digit(raw.charAt(percent + 1), 16) : -1;
            int low = percent + 2 < raw.length() ? Character.digit(raw.charAt(percent + 2), 16) : -1;
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException(ENV + ": a % in the user or password must be followed by two"
                        + " hex digits (write %25 for %)");
            }
            out.write(high * 16 + low);
            i = percent + 3;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The server as a person may read it in a log: never the password. */
    public String describe() {
        return security.scheme + "://" + username.map(u -> u + "@").orElse("") + host + ":" + port;
    }

    @Override
    public String toString() {
        return describe();
    }
}
