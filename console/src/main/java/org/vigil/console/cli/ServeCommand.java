package org.vigil.console.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.vigil.console.store.DatabaseChoice;
import org.vigil.console.Console;
import org.vigil.console.ConsoleConfig;
import org.vigil.console.alerts.MailSettings;
import org.vigil.console.alerts.SmtpUrl;
import org.vigil.console.alerts.WebhookSettings;
import org.vigil.console.edge.RateLimit;
import org.vigil.console.edge.TrustedProxies;
import org.vigil.console.edge.WebEdge;
import org.vigil.console.edge.WebTransport;
import org.vigil.console.store.objectstore.ScreenshotPlace;

/**
 * {@code serve [--data DIR] [--http-port N] [--grpc-port N] [--bind ADDR] [--silent-after-hours N] [--http-plain]
 * [--https-cert FILE --https-key FILE] [--https-names NAMES] [--trusted-proxies ADDRS]
 * [--screenshots files|postgresql|s3://BUCKET/PREFIX [--s3-endpoint URL] [--s3-region R] [--s3-sse AES256|aws:kms]]}: runs the console until the
 * process is stopped, the web UI over HTTPS unless {@code --http-plain}; {@code VIGIL_ADMIN_PASSWORD} sets the first admin's password,
 * {@code VIGIL_SMTP_URL} and {@code VIGIL_ALERT_FROM} where alert emails go, {@code VIGIL_ALERT_WEBHOOK_URL},
 * {@code _SECRET} and {@code _FORMAT} where alert webhooks go, {@code VIGIL_PUBLIC_URL} the address their links use.
 */
public final class ServeCommand {
    static final String HTTP_PLAIN = "--http-plain";
    private static final Set<String> OPTIONS = Set.of("--data", "--http-port", "--grpc-port", "--bind",
            "--silent-after-hours", "--https-cert", "--https-key", "--https-names", "--trusted-proxies",
            "--screenshots", "--s3-endpoint", "--s3-region", "--s3-sse",
            DatabaseChoice.DB_OPTION, DatabaseChoice.CREDENTIALS_OPTION);

    private ServeCommand() {
    }

    /** Parses {@code serve}'s options over the defaults. */
    public static ConsoleConfig config(List<String> args, Map<String, String> env) {
        Map<String, String> options = CommandLineOptions.parse(args, OPTIONS, Set.of(HTTP_PLAIN));
        ConsoleConfig d = ConsoleConfig.defaults();
        return new ConsoleConfig(
                Optional.ofNullable(options.get("--data")).map(Path::of).orElse(d.dataDir()),
                CommandLineOptions.intValue(options, "--http-port", d.httpPort()),
                CommandLineOptions.intValue(options, "--grpc-port", d.grpcPort()),
                options.getOrDefault("--bind", d.bindAddress()),
                Optional.ofNullable(env.get(ConsoleConfig.ADMIN_PASSWORD_ENV)),
                Duration.ofHours(CommandLineOptions.intValue(options, "--silent-after-hours",
                        (int) d.silentAfter().toHours())),
                MailSettings.from(Optional.ofNullable(env.get(SmtpUrl.ENV)),
                        Optional.ofNullable(env.get(MailSettings.FROM_ENV))),
                Optional.ofNullable(env.get(ConsoleConfig.PUBLIC_URL_ENV)).filter(url -> !url.isBlank())
                        .map(ConsoleConfig::publicUrl),
                WebhookSettings.from(Optional.ofNullable(env.get(WebhookSettings.URL_ENV)),
                        Optional.ofNullable(env.get(WebhookSettings.SECRET_ENV)),
                        Optional.ofNullable(env.get(WebhookSettings.FORMAT_ENV))),
                new WebEdge(transport(options, env), TrustedProxies.parse(option(options, env, "--trusted-proxies",
                        TrustedProxies.ENV)), RateLimit.DEFAULT),
                DatabaseChoice.from(options, env));
    }

    /**
     * Where screenshots go, if {@code --screenshots files|s3://bucket/prefix} (with {@code --s3-endpoint URL},
     * {@code --s3-region R}, {@code --s3-sse AES256|aws:kms}) or {@code VIGIL_SCREENSHOTS} and {@code VIGIL_S3_*}
     * say; empty to keep what the data directory records (ADR 0174).
     */
    static Optional<ScreenshotPlace> screenshotPlace(List<String> args, Map<String, String> env) {
        Map<String, String> options = CommandLineOptions.parse(args, OPTIONS, Set.of(HTTP_PLAIN));
        return ScreenshotPlace.fromOptions(options, env);
    }

    /** Records where screenshots go (when told), then serves. */
    static void run(List<String> args, Map<String, String> env, PrintStream out) throws IOException {
        ConsoleConfig config = config(args, env);
        Optional<ScreenshotPlace> place = screenshotPlace(args, env);
        if (place.isPresent() && place.get().inDatabase() && !config.database().isPostgres()) {
            throw new IllegalArgumentException("--screenshots " + ScreenshotPlace.IN_DATABASE + " keeps screenshots in"
                    + " the console's PostgreSQL database: give --db postgresql://HOST:PORT/NAME too (this console's"
                    + " database is SQLite), or choose --screenshots files|s3://bucket/prefix");
        }
        place.ifPresent(chosen -> chosen.record(config.dataDir()));
        run(config, out);
    }

    /**
     * HTTPS unless {@code --http-plain} or {@code VIGIL_HTTP_PLAIN=1}; the school's PEM files from
     * {@code --https-cert}/{@code --https-key} (or {@code VIGIL_HTTPS_CERT}/{@code _KEY}); more names for the
     * console CA's certificate from {@code --https-names} (or {@code VIGIL_HTTPS_NAMES}), comma-separated.
     */
    static WebTransport transport(Map<String, String> options, Map<String, String> env) {
        String plainEnv = env.getOrDefault(WebTransport.PLAIN_ENV, "").strip();
        if (!plainEnv.isEmpty() && !plainEnv.equals("0") && !plainEnv.equals("1")) {
            throw new IllegalArgumentException(WebTransport.PLAIN_ENV + " must be 1 (plain HTTP) or 0, got "
                    + plainEnv);
        }
        boolean plain = options.containsKey(HTTP_PLAIN) || plainEnv.equals("1");
        WebTransport transport = plain ? WebTransport.plain() : WebTransport.https();
        String certificate = option(options, env, "--https-cert", WebTransport.CERT_ENV);
        String key = option(options, env, "--https-key", WebTransport.KEY_ENV);
        if (certificate != null || key != null) {
            if (certificate == null || key == null) {
                throw new IllegalArgumentException("--https-cert and --https-key go together: give both files");
            }
            transport = transport.withSchoolCertificate(Path.of(certificate), Path.of(key));
        }
        String names = option(options, env, "--https-names", WebTransport.NAMES_ENV);
        if (names != null) {
            transport = transport.withNames(List.of(names.split(",")).stream().map(String::strip)
                    .filter(name -> !name.isEmpty()).toList());
        }
        return transport;
    }

    /** The option's value, else the environment's; null when neither is set (or the variable is blank). */
    private static String option(Map<String, String> options, Map<String, String> env, String name, String envName) {
        String value = options.get(name);
        if (value == null) {
            value = env.get(envName);
        }
        return value == null || value.isBlank() ? null : value;
    }

    /** Starts the console, prints what a person needs (fingerprint, first password, addresses), waits for stop. */
    static void run(ConsoleConfig config, PrintStream out) throws IOException {
        Console console = Console.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            stopped.countDown();
        }, "vigil-console-shutdown"));

        if (console.createdNow()) {
            out.println("No console in " + config.dataDir().toAbsolutePath() + ": created a new one.");
        }
        out.println("CA fingerprint (SHA-256): " + console.caFingerprint());
        console.createdAdmin().ifPresent(admin -> out.println(admin.generatedPassword()
                .map(password -> "Admin user \"" + admin.username() + "\" (IT administrator) created with one-time"
                        + " password: " + password + "   (write it down now: it is not shown again)")
                .orElse("Admin user \"" + admin.username() + "\" (IT administrator) created with the one-time password"
                        + " taken from " + ConsoleConfig.ADMIN_PASSWORD_ENV)));
        if (config.edge().transport().plainHttp()) {
            out.println("Plain HTTP (" + HTTP_PLAIN + "): put the console behind a proxy that does TLS; passwords and"
                    + " captures must not cross the network unencrypted");
        } else if (config.edge().transport().schoolCertificate().isEmpty()) {
            out.println("HTTPS with a certificate from the console's own CA: browsers warn until they trust "
                    + config.dataDir().resolve("tls").resolve("ca.pem").toAbsolutePath()
                    + " (or give the school's certificate with --https-cert FILE --https-key FILE)");
        }
        out.println("Screenshots: " + console.screenshotStore());
        out.println("Vigil console ready: http=" + console.httpUrl() + " grpc=" + console.grpcAddress());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
