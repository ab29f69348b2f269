package org.vigil.agent.notice;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.proto.v1.SignInNotice;

/**
 * The desktop's own notification (freedesktop.org notifications through {@code notify-send}, on Linux desktops
 * that have it): legible in the desktop's own style, and kept in its notification history. Only tried when the
 * session has a D-Bus session bus: without one, {@code notify-send} would start a bus of its own (X11 autolaunch),
 * which writes into the pupil's home and is left running, for a notification nobody shows.
 */
public final class NotifySend implements NoticeDisplay {
    static final String PROGRAM = "notify-send";
    private static final Logger log = LoggerFactory.getLogger(NotifySend.class);
    private static final long WAIT_SECONDS = 5;

    private final Map<String, String> env;

    /**
     * @param env the session's environment: PATH (where notify-send is looked for), and DBUS_SESSION_BUS_ADDRESS or
     *            XDG_RUNTIME_DIR (where the session bus is)
     */
    public NotifySend(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public Optional<String> show(SignInNotice notice) {
        Optional<Path> program = onPath();
        if (program.isEmpty() || !hasSessionBus()) {
            return Optional.empty();
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(program.get().toString(), "--app-name=Vigil",
                "--urgency=normal", TITLE, NoticeDisplay.body(notice)))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                log.warn("{} did not finish within {} s", program.get(), WAIT_SECONDS);
                return Optional.empty();
            }
            if (process.exitValue() != 0) {
                log.warn("{} failed (exit {}): no notification server in this session?", program.get(),
                        process.exitValue());
                return Optional.empty();
            }
            return Optional.of(PROGRAM);
        } catch (IOException e) {
            log.warn("cannot run {}: {}", program.get(), e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The bus the session names, or the one systemd-logind sessions have at {@code $XDG_RUNTIME_DIR/bus}. */
    private boolean hasSessionBus() {
        if (!env.getOrDefault("DBUS_SESSION_BUS_ADDRESS", "").isBlank()) {
            return true;
        }
        String runtimeDir = env.getOrDefault("XDG_RUNTIME_DIR", "");
        return !runtimeDir.isBlank() && Files.exists(Path.of(runtimeDir, "bus"));
    }

    private Optional<Path> onPath() {
        for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, PROGRAM);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
