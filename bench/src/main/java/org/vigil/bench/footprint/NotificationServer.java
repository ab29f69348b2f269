package org.vigil.bench.footprint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A desktop's notification server on the bench's display, for {@code --notification-server}: a private D-Bus
 * session bus ({@code dbus-daemon --session}) and {@code dunst} on it, as a pupil's desktop has. The session helper
 * then shows the sign-in notice with {@code notify-send}, not in an AWT window. Needs Debian's {@code dunst} and
 * {@code libnotify-bin} (installed for the benchmark only; the agent does not depend on them).
 */
final class NotificationServer implements AutoCloseable {
    private final List<Process> processes;
    private final Map<String, String> sessionEnv;

    private NotificationServer(List<Process> processes, Map<String, String> sessionEnv) {
        this.processes = processes;
        this.sessionEnv = sessionEnv;
    }

    /** No notification server: the display alone, as Xvfb is. */
    static NotificationServer none() {
        return new NotificationServer(List.of(), Map.of());
    }

    static NotificationServer start(String display) throws IOException, InterruptedException {
        Process bus = new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String address = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8))
                .readLine();
        if (address == null || address.isBlank()) {
            bus.destroyForcibly();
            throw new IllegalStateException("dbus-daemon --session printed no address (is dbus-daemon installed?)");
        }
        ProcessBuilder builder = new ProcessBuilder("dunst").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(Map.of("DISPLAY", display, "DBUS_SESSION_BUS_ADDRESS", address));
        Process dunst = builder.start();
        NotificationServer server = new NotificationServer(List.of(dunst, bus),
                Map.of("DBUS_SESSION_BUS_ADDRESS", address.strip()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!server.serving()) {
            if (!dunst.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IllegalStateException("dunst did not take org.freedesktop.Notifications on the session bus"
                        + " (apt-get install dunst libnotify-bin)");
            }
            Thread.sleep(100);
        }
        return server;
    }

    /** The environment a session helper on this desktop has. */
    Map<String, String> sessionEnv() {
        return sessionEnv;
    }

    private boolean serving() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of("dbus-send", "--session", "--print-reply",
                "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner",
                "string:org.freedesktop.Notifications")).redirectErrorStream(true);
        builder.environment().putAll(sessionEnv);
        Process check = builder.start();
        String reply = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return check.waitFor(5, TimeUnit.SECONDS) && reply.contains("boolean true");
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
