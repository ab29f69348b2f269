package org.vigil.bench.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One console instance as the cluster runs it: the real console jar as a process of its own ({@code serve --db
 * postgresql://…}), its log in the run's directory. The second instance gets a copy of the first one's TLS files, as
 * a second machine of a cluster does, so an agent that trusts the console CA trusts both.
 */
final class FleetConsole implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Vigil console ready: http=(\\S+) grpc=\\S+:(\\d+)");
    static final String ADMIN_PASSWORD = "fleet-bench admin passphrase";

    private final String name;
    private final Path data;
    private final Process process;
    private final int grpcPort;

    private FleetConsole(String name, Path data, Process process, int grpcPort) {
        this.name = name;
        this.data = data;
        this.process = process;
        this.grpcPort = grpcPort;
    }

    /** Starts {@code name} with its data under {@code workDir}, TLS files copied from {@code tlsFrom} if given. */
    static FleetConsole start(String name, Path jar, List<String> jvmFlags, Path workDir,
                              Map<String, String> dbEnv, FleetConsole tlsFrom) throws IOException, InterruptedException {
        Path data = workDir.resolve(name);
        Files.createDirectories(data);
        if (tlsFrom != null) {
            copyTls(tlsFrom.data, data);
        }
        Path log = workDir.resolve(name + ".log");
        List<String> line = new ArrayList<>(List.of(java()));
        line.addAll(jvmFlags);
        line.addAll(List.of("-jar", jar.toString(), "serve", "--data", data.toString(),
                "--http-port", "0", "--grpc-port", "0", "--bind", "127.0.0.1"));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(dbEnv);
        builder.environment().put("VIGIL_ADMIN_PASSWORD", ADMIN_PASSWORD);
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            Matcher ready = READY.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (ready.find()) {
                return new FleetConsole(name, data, process, Integer.parseInt(ready.group(2)));
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("console " + name + " did not start; see " + log);
    }

    private static void copyTls(Path from, Path to) throws IOException {
        Files.createDirectories(to.resolve("tls"));
        try (Stream<Path> files = Files.list(from.resolve("tls"))) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve("tls").resolve(file.getFileName()));
            }
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    String grpcAddress() {
        return "127.0.0.1:" + grpcPort;
    }

    /**
     * The CA fingerprint agents pin, from the console's own {@code agent-config} output (which also mints the
     * enrolment token the seeded devices name). {@code dbEnv} names the database ({@code VIGIL_DB_URL} and the
     * credentials).
     */
    String caFingerprint(Path jar, Map<String, String> dbEnv) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", jar.toString(), "agent-config", "--data",
                data.toString(), "--address", grpcAddress()).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().putAll(dbEnv);
        Process config = builder.start();
        String out = new String(config.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (config.waitFor() != 0) {
            throw new IllegalStateException("agent-config failed with exit code " + config.exitValue());
        }
        Matcher fingerprint = Pattern.compile("(?m)^console\\.ca\\.sha256=(\\S+)").matcher(out);
        if (!fingerprint.find()) {
            throw new IllegalStateException("no CA fingerprint in agent-config's output:\n" + out);
        }
        return fingerprint.group(1);
    }

    /** Ends the process as a crash would: SIGKILL, nothing flushed, no stream closed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
