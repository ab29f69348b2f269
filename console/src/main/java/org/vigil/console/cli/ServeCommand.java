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
import org.vigil.console.Console;
import org.vigil.console.ConsoleConfig;
import org.vigil.console.alerts.MailSettings;
import org.vigil.console.alerts.SmtpUrl;
import org.vigil.console.alerts.WebhookSettings;

/**
 * {@code serve [--data DIR] [--http-port N] [--grpc-port N] [--bind ADDR] [--silent-after-hours N]}: runs the
 * console until the process is stopped; {@code VIGIL_ADMIN_PASSWORD} sets the first admin's password,
 * {@code VIGIL_SMTP_URL} and {@code VIGIL_ALERT_FROM} where alert emails go, {@code VIGIL_ALERT_WEBHOOK_URL},
 * {@code _SECRET} and {@code _FORMAT} where alert webhooks go, {@code VIGIL_PUBLIC_URL} the address their links use.
 */
public final class ServeCommand {
    private ServeCommand() {
    }

    /** Parses {@code serve}'s options over the defaults. */
    public static ConsoleConfig config(List<String> args, Map<String, String> env) {
        Map<String, String> options = CommandLineOptions.parse(args, Set.of("--data", "--http-port", "--grpc-port",
                "--bind", "--silent-after-hours"));
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
                        Optional.ofNullable(env.get(WebhookSettings.FORMAT_ENV))));
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
        out.println("Vigil console ready: http=" + console.httpUrl() + " grpc=" + console.grpcAddress());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
