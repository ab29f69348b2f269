package org.vigil.console;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.vigil.console.store.DatabaseChoice;
import org.vigil.console.alerts.MailSettings;
import org.vigil.console.alerts.WebhookSettings;
import org.vigil.console.auth.AdminBootstrap;
import org.vigil.console.edge.WebEdge;
import org.vigil.console.edge.WebTransport;

/**
 * How to run the console.
 *
 * @param dataDir       where the database, TLS files and screenshots live
 * @param httpPort      the web UI's port; 0 picks a free one
 * @param grpcPort      the agents' gRPC port; 0 picks a free one
 * @param bindAddress   the address both servers listen on
 * @param adminPassword the first admin's password; empty to generate one (used only when there are no users)
 * @param silentAfter   how long a device may go unheard before the devices page flags it silent (school laptops
 *                      are off every night and weekend, so the default is 72 hours)
 * @param mail          where alert emails go ({@code VIGIL_SMTP_URL}, {@code VIGIL_ALERT_FROM}); empty: alerts stay
 *                      in the outbox until a mail server is configured
 * @param publicUrl     the console's address as DSLs reach it, for links in alerts ({@code VIGIL_PUBLIC_URL});
 *                      empty: the console's own http address
 * @param webhook       where alert webhooks go ({@code VIGIL_ALERT_WEBHOOK_URL}, {@code _SECRET}, {@code _FORMAT});
 *                      empty: alerts go by email only
 * @param database      SQLite in the data directory (the default) or a PostgreSQL server
 * @param edge          the web port's transport (HTTPS unless plain HTTP is asked for), the proxies whose
 *                      forwarding headers are believed, and the rate limit for requests without a session
 */
public record ConsoleConfig(Path dataDir, int httpPort, int grpcPort, String bindAddress,
                            Optional<String> adminPassword, Duration silentAfter, Optional<MailSettings> mail,
                            Optional<URI> publicUrl, Optional<WebhookSettings> webhook, WebEdge edge,
                            DatabaseChoice database) {
    public static final Path DEFAULT_DATA_DIR = Path.of("vigil-data");
    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_GRPC_PORT = 9443;
    public static final String DEFAULT_BIND_ADDRESS = "0.0.0.0";
    public static final String ADMIN_PASSWORD_ENV = AdminBootstrap.PASSWORD_ENV;
    public static final String PUBLIC_URL_ENV = "VIGIL_PUBLIC_URL";
    public static final Duration DEFAULT_SILENT_AFTER = Duration.ofHours(72);
    /** A year: a longer silence threshold would hide every lost laptop. */
    public static final int MAX_SILENT_AFTER_HOURS = 8760;

    public ConsoleConfig {
        database = database == null ? DatabaseChoice.SQLITE : database;
        if (dataDir == null) {
            throw new IllegalArgumentException("a data directory is needed");
        }
        checkPort("--http-port", httpPort);
        checkPort("--grpc-port", grpcPort);
        if (bindAddress == null || bindAddress.isBlank()) {
            throw new IllegalArgumentException("--bind needs an address");
        }
        adminPassword = adminPassword == null ? Optional.empty() : adminPassword.filter(p -> !p.isEmpty());
        if (silentAfter == null || silentAfter.compareTo(Duration.ofHours(1)) < 0
                || silentAfter.compareTo(Duration.ofHours(MAX_SILENT_AFTER_HOURS)) > 0) {
            throw new IllegalArgumentException("--silent-after-hours must be 1.." + MAX_SILENT_AFTER_HOURS + ", got "
                    + (silentAfter == null ? "nothing" : silentAfter.toHours()));
        }
        mail = mail == null ? Optional.empty() : mail;
        publicUrl = publicUrl == null ? Optional.empty() : publicUrl;
        publicUrl.ifPresent(ConsoleConfig::checkPublicUrl);
        webhook = webhook == null ? Optional.empty() : webhook;
        edge = edge == null ? WebEdge.defaults() : edge;
    }

    /** Defaults: ./vigil-data, HTTPS 8080 (the console CA's certificate), gRPC 9443, all interfaces, devices silent after 72 hours. */
    public static ConsoleConfig defaults() {
        return new ConsoleConfig(DEFAULT_DATA_DIR, DEFAULT_HTTP_PORT, DEFAULT_GRPC_PORT, DEFAULT_BIND_ADDRESS,
                Optional.empty(), DEFAULT_SILENT_AFTER, Optional.empty(), Optional.empty(), Optional.empty(),
                WebEdge.defaults(), DatabaseChoice.SQLITE);
    }

    /** On loopback only, HTTPS, with free ports and a generated admin password: for demos, benchmarks and tests. */
    public static ConsoleConfig onLoopback(Path dataDir) {
        return new ConsoleConfig(dataDir, 0, 0, "127.0.0.1", Optional.empty(), DEFAULT_SILENT_AFTER,
                Optional.empty(), Optional.empty(), Optional.empty(), WebEdge.defaults(), DatabaseChoice.SQLITE);
    }

    /** The same settings on these ports (a restart on the ports a console chose when started with port 0). */
    public ConsoleConfig withPorts(int http, int grpc) {
        return new ConsoleConfig(dataDir, http, grpc, bindAddress, adminPassword, silentAfter, mail, publicUrl,
                webhook, edge, database);
    }

    public ConsoleConfig withAdminPassword(String password) {
        return new ConsoleConfig(dataDir, httpPort, grpcPort, bindAddress, Optional.ofNullable(password), silentAfter,
                mail, publicUrl, webhook, edge, database);
    }

    public ConsoleConfig withSilentAfter(Duration threshold) {
        return new ConsoleConfig(dataDir, httpPort, grpcPort, bindAddress, adminPassword, threshold, mail, publicUrl,
                webhook, edge, database);
    }

    public ConsoleConfig withMail(MailSettings settings) {
        return new ConsoleConfig(dataDir, httpPort, grpcPort, bindAddress, adminPassword, silentAfter,
                Optional.of(settings), publicUrl, webhook, edge, database);
    }

    public ConsoleConfig withPublicUrl(URI url) {
        return new ConsoleConfig(dataDir, httpPort, grpcPort, bindAddress, adminPassword, silentAfter, mail,
                Optional.of(url), webhook, edge, database);
    }

    public ConsoleConfig withWebhook(WebhookSettings settings) {
        return new ConsoleConfig(dataDir, httpPort, grpcPort, bindAddress, adminPassword, silentAfter, mail,
                publicUrl, Optional.of(settings), edge, database);
    }

    public ConsoleConfig withEdge(WebEdge other) {
        return new ConsoleConfig(dataDir, httpPort, grpcPort, bindAddress, adminPassword, silentAfter, mail, publicUrl,
                webhook, other, database);
    }

    /** The same settings on another database (PostgreSQL: {@code --db}, ADR 0170). */
    public ConsoleConfig withDatabase(DatabaseChoice other) {
        return new ConsoleConfig(dataDir, httpPort, grpcPort, bindAddress, adminPassword, silentAfter, mail, publicUrl,
                webhook, edge, other);
    }

    /** Plain HTTP on the web port (tests that are not about TLS; a console behind a TLS-terminating proxy). */
    public ConsoleConfig withPlainHttp() {
        return withEdge(edge.with(WebTransport.plain()));
    }

    /**
     * Parses {@code VIGIL_PUBLIC_URL}.
     *
     * @throws IllegalArgumentException unless it is an absolute http(s) URL
     */
    public static URI publicUrl(String text) {
        URI url;
        try {
            url = URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PUBLIC_URL_ENV + " is not a valid URL: " + text);
        }
        checkPublicUrl(url);
        return url;
    }

    private static void checkPublicUrl(URI url) {
        if (!("http".equals(url.getScheme()) || "https".equals(url.getScheme())) || url.getHost() == null
                || url.getRawQuery() != null || url.getRawFragment() != null) {
            throw new IllegalArgumentException(PUBLIC_URL_ENV + " must be the console's http:// or https:// address,"
                    + " e.g. https://vigil.school.example/, got " + url);
        }
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be 0..65535 (0 picks a free port), got " + port);
        }
    }
}
