package org.vigil.bench.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real console jar as its own process on loopback (TLS gRPC, SQLite in the run's work dir). */
final class ConsoleProcess implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Vigil console ready: http=(\\S+) grpc=\\S+:(\\d+)");

    private final Path jar;
    private final Path data;
    private final Process process;
    private final int grpcPort;

    private ConsoleProcess(Path jar, Path data, Process process, int grpcPort) {
        this.jar = jar;
        this.data = data;
        this.process = process;
        this.grpcPort = grpcPort;
    }

    static ConsoleProcess start(Path jar, Path workDir) throws IOException, InterruptedException {
        Path data = workDir.resolve("console");
        Path log = workDir.resolve("console.log");
        ProcessBuilder builder = new ProcessBuilder(Java.binary(), "-jar", jar.toString(), "serve", "--data",
                data.toString(), "--http-port", "0", "--grpc-port", "0", "--bind", "127.0.0.1")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("VIGIL_ADMIN_PASSWORD", "footprint-bench-admin-password");
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            Matcher ready = READY.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (ready.find()) {
                return new ConsoleProcess(jar, data, process, Integer.parseInt(ready.group(2)));
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the console did not start; see " + log);
    }

    /** The console's own agent-config output (address, a fresh enrolment token, CA fingerprint), as a file. */
    Path agentConfig(Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Java.binary(), "-jar", jar.toString(), "agent-config", "--data",
                data.toString(), "--address", "127.0.0.1:" + grpcPort)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("agent-config failed with exit code " + process.exitValue());
        }
        Files.write(file, out);
        return file;
    }

    /** Devices whose agent has said Hello with its keyboard hook registered. */
    long connectedDevices() {
        return query("SELECT COUNT(*) FROM devices WHERE hook_registered = 1");
    }

    long captures() {
        return query("SELECT COUNT(*) FROM captures");
    }

    private long query(String sql) {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("vigil.db"));
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
