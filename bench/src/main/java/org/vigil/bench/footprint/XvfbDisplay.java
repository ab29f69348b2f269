package org.vigil.bench.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real X server (Xvfb) on a display number nobody is using, and xdotool against it. */
final class XvfbDisplay implements AutoCloseable {
    private final Process xvfb;
    private final String name;

    private XvfbDisplay(Process xvfb, String name) {
        this.xvfb = xvfb;
        this.name = name;
    }

    static XvfbDisplay start() throws IOException, InterruptedException {
        for (int number = 150 + (int) (ProcessHandle.current().pid() % 100); number < 400; number++) {
            Path socket = Path.of("/tmp/.X11-unix/X" + number);
            if (Files.exists(socket) || Files.exists(Path.of("/tmp/.X" + number + "-lock"))) {
                continue;
            }
            Process xvfb = new ProcessBuilder("Xvfb", ":" + number, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!Files.exists(socket) && xvfb.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            if (xvfb.isAlive() && Files.exists(socket)) {
                return new XvfbDisplay(xvfb, ":" + number);
            }
            xvfb.destroyForcibly();
        }
        throw new IllegalStateException("could not start Xvfb on any display from :150 to :399 (is it installed?)");
    }

    String name() {
        return name;
    }

    /** Runs xdotool on this display and waits for it (typing with --delay takes as long as the text needs). */
    void xdotool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("xdotool"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DISPLAY", name);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("xdotool " + String.join(" ", args) + " failed: " + output);
        }
    }

    @Override
    public void close() throws InterruptedException {
        xvfb.destroy();
        xvfb.waitFor(5, TimeUnit.SECONDS);
    }
}
