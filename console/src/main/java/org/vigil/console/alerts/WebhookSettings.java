package org.vigil.console.alerts;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Where alert webhooks go and how they are signed ({@code VIGIL_ALERT_WEBHOOK_URL}, {@code _SECRET},
 * {@code _FORMAT}). The URL must be https: an alert names a pupil. Plain http is allowed only to a loopback address
 * (a relay on the same machine, or a test). Teams and Slack URLs hold their own token, so neither the URL's path nor
 * the secret is ever written to a log or a message: {@link #describe()} gives scheme, host and port only.
 *
 * @param url    where the POST goes
 * @param secret the HMAC-SHA256 key for {@code X-Vigil-Signature}, at least {@value #MIN_SECRET_CHARS} characters
 * @param format the body's shape
 */
public record WebhookSettings(URI url, String secret, WebhookFormat format) {
    public static final String URL_ENV = "VIGIL_ALERT_WEBHOOK_URL";
    public static final String SECRET_ENV = "VIGIL_ALERT_WEBHOOK_SECRET";
    public static final String FORMAT_ENV = "VIGIL_ALERT_WEBHOOK_FORMAT";
    public static final int MIN_SECRET_CHARS = 16;

    public WebhookSettings {
        checkUrl(url);
        if (secret == null || secret.length() < MIN_SECRET_CHARS) {
            throw new IllegalArgumentException(SECRET_ENV + " must be at least " + MIN_SECRET_CHARS
                    + " characters (e.g. the output of: openssl rand -hex 32)");
        }
        if (format == null) {
            throw new IllegalArgumentException(FORMAT_ENV + " is needed");
        }
    }

    /**
     * The settings from the environment's values: none without a URL; a URL without a secret is refused.
     *
     * @throws IllegalArgumentException with a clear message (never the secret or the URL's path)
     */
    public static Optional<WebhookSettings> from(Optional<String> url, Optional<String> secret,
                                                 Optional<String> format) {
        Optional<String> address = url.map(String::strip).filter(u -> !u.isEmpty());
        if (address.isEmpty()) {
            return Optional.empty();
        }
        String key = secret.filter(s -> !s.isBlank()).orElseThrow(() -> new IllegalArgumentException(SECRET_ENV
                + " is needed with " + URL_ENV + ": the key the receiver checks X-Vigil-Signature with, at least "
                + MIN_SECRET_CHARS + " characters"));
        URI uri;
        try {
            uri = new URI(address.get());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(URL_ENV + " is not a valid URL");
        }
        return Optional.of(new WebhookSettings(uri, key, WebhookFormat.parse(format)));
    }

    private static void checkUrl(URI url) {
        if (url == null || url.isOpaque() || url.getHost() == null || url.getHost().isEmpty()) {
            throw new IllegalArgumentException(URL_ENV + " must be an absolute https:// URL, e.g."
                    + " https://hooks.slack.com/services/…");
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if ("http".equals(scheme)) {
            if (!isLoopback(url.getHost())) {
                throw new IllegalArgumentException(URL_ENV + " must be https://: plain http:// would send pupils'"
                        + " names in clear, and is allowed only to a loopback address (127.0.0.1, ::1, localhost),"
                        + " not " + url.getHost());
            }
        } else if (!"https".equals(scheme)) {
            throw new IllegalArgumentException(URL_ENV + " must start https://, not " + scheme + "://");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(URL_ENV + " must not hold a user or password: the body is signed"
                    + " with " + SECRET_ENV + " instead");
        }
    }

    /** A loopback host, decided without a DNS lookup: {@code localhost} or a loopback IP literal. */
    static boolean isLoopback(String host) {
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if ("localhost".equalsIgnoreCase(name)) {
            return true;
        }
        if (!name.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            return InetAddress.getByName(name).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The receiver as a person may read it in a log: scheme, host and port, never the path (it may be a token). */
    public String describe() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort()) + " ("
                + format.name().toLowerCase(Locale.ROOT) + " format)";
    }

    @Override
    public String toString() {
        return describe();
    }
}
