package org.vigil.agent.e2e;

import static org.vigil.testing.WaitUntil.waitUntil;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real X server (Xvfb) for a test run, on a display number nobody else is using. */
public final class VirtualDisplay implements AutoCloseable {
    static final int WIDTH = 1280;
    static final int HEIGHT = 800;

    private final Process xvfb;
    private final String display;

    private VirtualDisplay(Process xvfb, String display) {
        this.xvfb = xvfb;
        this.display = display;
    }

    static VirtualDisplay start() throws IOException, InterruptedException {
        return start(List.of());
    }

    /** With access control off, so a program of another local user (a session helper as the pupil) can connect. */
    public static VirtualDisplay startOpenToEveryLocalUser() throws IOException, InterruptedException {
        return start(List.of("-ac"));
    }

    private static VirtualDisplay start(List<String> options) throws IOException, InterruptedException {
        requireCommand("Xvfb");
        requireCommand("xdotool");
        for (int number = 90 + (int) (ProcessHandle.current().pid() % 50); number < 300; number++) {
            Path socket = Path.of("/tmp/.X11-unix/X" + number);
            if (Files.exists(socket) || Files.exists(Path.of("/tmp/.X" + number + "-lock"))) {
                continue;
            }
            List<String> command = new java.util.ArrayList<>(List.of("Xvfb", ":" + number, "-screen", "0",
                    WIDTH + "x" + HEIGHT + "x24", "-nolisten", "tcp"));
            command.addAll(options);
            Process xvfb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // an Xvfb that exits (the display was taken meanwhile) stops the wait; the next number is tried
            try {
                waitUntil(Duration.ofSeconds(5), "Xvfb :" + number + " to listen or exit",
                        () -> Files.exists(socket) || !xvfb.isAlive());
            } catch (AssertionError e) {
                xvfb.destroyForcibly();
                continue;
            }
            if (xvfb.isAlive()) {
                return new VirtualDisplay(xvfb, ":" + number);
            }
            xvfb.destroyForcibly();
        }
        throw new IllegalStateException("could not start Xvfb on any display from :90 to :299");
    }

    private static void requireCommand(String command) throws IOException, InterruptedException {
        Process which = new ProcessBuilder("sh", "-c", "command -v " + command).start();
        if (which.waitFor() != 0) {
            throw new IllegalStateException(command + " is not installed: the end-to-end tests need it "
                    + "(apt-get install xvfb xdotool x11-utils, as .ci/run does)");
        }
    }

    public String name() {
        return display;
    }

    /** Runs xdotool against this display and waits for it to finish. */
    public void xdotool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("xdotool"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DISPLAY", display);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("xdotool " + String.join(" ", args) + " failed: " + output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        xvfb.destroy();
        xvfb.waitFor(5, TimeUnit.SECONDS);
    }
}
