package org.vigil.agent.e2e;

import static org.vigil.testing.WaitUntil.waitFor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real program started for a test: its output lines kept for the test to wait on, and stopped at the end. */
public final class RunningProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private RunningProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        pump(process.getInputStream(), "out");
        pump(process.getErrorStream(), "err");
    }

    public static RunningProcess start(String name, List<String> command, Map<String, String> env, Path workDir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().putAll(env);
        return new RunningProcess(name, builder.start());
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void pump(InputStream stream, String channel) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                    System.err.println("[" + name + " " + channel + "] " + line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, name + "-" + channel);
        reader.setDaemon(true);
        reader.start();
    }

    /** The first output line that matches, waiting up to the timeout; fails with the output so far. */
    public String awaitLine(Predicate<String> wanted, Duration timeout, String what) {
        try {
            return waitFor(timeout, name + " to show " + what, () -> {
                Optional<String> found = lines.stream().filter(wanted).findFirst();
                if (found.isEmpty() && !process.isAlive() && lines.stream().noneMatch(wanted)) {
                    throw new AssertionError(name + " exited (" + process.exitValue() + ") before " + what);
                }
                return found;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; output:\n" + output(), e);
        }
    }

    public String output() {
        return String.join("\n", lines);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the program gets no chance to clean up. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
