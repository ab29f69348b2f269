package org.vigil.agent.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real D-Bus session bus of the test's own ({@code dbus-daemon --session}), on a socket in a temp dir, so nothing
 * of the machine's session is touched. The at-spi2-core accessibility bus launcher is started by it on demand, as a
 * desktop's session bus does; {@link #withoutServices} gives a bus where no service can be started (no AT-SPI).
 */
public final class PrivateSessionBus implements AutoCloseable {
    public static final Path AT_SPI_LAUNCHER = Path.of("/usr/libexec/at-spi-bus-launcher");

    private final Process daemon;
    private final String address;
    private final Path runtimeDir;

    private PrivateSessionBus(Process daemon, String address, Path runtimeDir) {
        this.daemon = daemon;
        this.address = address;
        this.runtimeDir = runtimeDir;
    }

    /** Which Debian package this machine lacks for an AT-SPI test, if any. */
    public static Optional<String> missingPackage() {
        if (!onPath("dbus-daemon")) {
            return Optional.of("dbus-daemon (the D-Bus message bus) is not installed");
        }
        if (!Files.isExecutable(AT_SPI_LAUNCHER)) {
            return Optional.of("at-spi2-core is not installed (no " + AT_SPI_LAUNCHER + ")");
        }
        return Optional.empty();
    }

    /** A session bus that starts the accessibility bus launcher when asked, with XDG_RUNTIME_DIR inside {@code dir}. */
    public static PrivateSessionBus start(Path dir) throws IOException {
        return start(dir, List.of("--session"));
    }

    /** A session bus with no activatable service: {@code org.a11y.Bus} is unknown on it. */
    public static PrivateSessionBus withoutServices(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path config = dir.resolve("no-services.conf");
        Files.writeString(config, ("""
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:path=%s</listen>
                  <policy context="default">
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """).formatted(dir.resolve("bare-bus")));
        return start(dir, List.of("--config-file=" + config));
    }

    private static PrivateSessionBus start(Path dir, List<String> configOptions) throws IOException {
        Path runtimeDir = dir.resolve("run");
        Files.createDirectories(runtimeDir);
        Files.setPosixFilePermissions(runtimeDir, PosixFilePermissions.fromString("rwx------"));
        List<String> command = new java.util.ArrayList<>(List.of("dbus-daemon", "--nofork", "--print-address=1",
                "--address=unix:path=" + runtimeDir.resolve("bus")));
        command.addAll(configOptions);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().put("XDG_RUNTIME_DIR", runtimeDir.toString());
        builder.environment().remove("DBUS_SESSION_BUS_ADDRESS");
        Process daemon = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
        String address = out.readLine();
        if (address == null || !address.startsWith("unix:")) {
            daemon.destroyForcibly();
            throw new IllegalStateException("dbus-daemon did not print its address: " + address);
        }
        return new PrivateSessionBus(daemon, address.strip(), runtimeDir);
    }

    public String address() {
        return address;
    }

    /** The environment a program of this session gets: the bus, and the runtime dir the launcher used. */
    public Map<String, String> environment() {
        return Map.of("DBUS_SESSION_BUS_ADDRESS", address, "XDG_RUNTIME_DIR", runtimeDir.toString());
    }

    /** Stops the bus and what it started (the accessibility bus launcher, its bus and registry). */
    @Override
    public void close() throws InterruptedException {
        List<ProcessHandle> started = daemon.descendants().toList();
        daemon.destroy();
        daemon.waitFor(5, TimeUnit.SECONDS);
        started.forEach(ProcessHandle::destroy);
        for (ProcessHandle process : started) {
            process.onExit().completeOnTimeout(process, 5, TimeUnit.SECONDS).join();
        }
    }

    private static boolean onPath(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
