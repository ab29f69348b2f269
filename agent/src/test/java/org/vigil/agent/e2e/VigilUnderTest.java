package org.vigil.agent.e2e;

import static org.vigil.testing.WaitUntil.waitUntil;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The real console jar and the real agent jar, run as separate processes the way a school runs them. */
public final class VigilUnderTest implements AutoCloseable {
    public static final String ADMIN_PASSWORD = "e2e: plum kettle lantern orbit";
    private static final Pattern READY = Pattern.compile("Vigil console ready: http=(\\S+) grpc=\\S+:(\\d+)");

    private final Path workDir;
    private final RunningProcess console;
    private final String httpBase;
    private final int grpcPort;

    private VigilUnderTest(Path workDir, RunningProcess console, String httpBase, int grpcPort) {
        this.workDir = workDir;
        this.console = console;
        this.httpBase = httpBase;
        this.grpcPort = grpcPort;
    }

    public static Path jar(String property) {
        Path jar = Path.of(System.getProperty(property, "")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(property + " does not name a built jar: " + jar + " (run mvn verify from the top)");
        }
        return jar;
    }

    public static VigilUnderTest startConsole(Path workDir) throws IOException, InterruptedException {
        return startConsole(workDir, 0);
    }

    /** On a fixed gRPC port (0 picks one), so a restarted console is found where agents expect it. */
    public static VigilUnderTest startConsole(Path workDir, int grpcPort) throws IOException, InterruptedException {
        RunningProcess console = RunningProcess.start("console",
                List.of(RunningProcess.java(), "-jar", jar("vigil.console.jar").toString(), "serve",
                        "--data", workDir.resolve("console").toString(), "--http-port", "0", "--grpc-port",
                        String.valueOf(grpcPort), "--http-plain"),
                Map.of("VIGIL_ADMIN_PASSWORD", ADMIN_PASSWORD), workDir);
        String ready = console.awaitLine(line -> READY.matcher(line).find(), Duration.ofSeconds(60), "its ready line");
        Matcher m = READY.matcher(ready);
        m.find();
        return new VigilUnderTest(workDir, console, m.group(1), Integer.parseInt(m.group(2)));
    }

    /** What IT hands to MDM: the console's own agent-config output, pointed at loopback. */
    public Path agentConfig(String name, String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("agent-config", "--address", "127.0.0.1:" + grpcPort));
        args.addAll(List.of(options));
        Path file = workDir.resolve(name + ".properties");
        Files.writeString(file, command(args.toArray(String[]::new)));
        return file;
    }

    /** Runs one of the console's commands (wordlists, devices, tokens…) on its data dir, as IT would; its stdout. */
    public String command(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(RunningProcess.java(), "-jar", jar("vigil.console.jar").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--data", consoleData().toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed with exit code " + process.exitValue()
                    + ": " + out);
        }
        return out;
    }

    RunningProcess startAgent(String name, Path config, VirtualDisplay display) throws IOException {
        return startAgent(name, config, display, Map.of());
    }

    /** With more of the desktop session's environment (its D-Bus session bus, for AT-SPI). */
    RunningProcess startAgent(String name, Path config, VirtualDisplay display, Map<String, String> session)
            throws IOException {
        Map<String, String> env = new java.util.HashMap<>(session);
        env.put("DISPLAY", display.name());
        return RunningProcess.start(name,
                List.of(RunningProcess.java(), "-Xmx64m", "-jar", jar("vigil.agent.jar").toString(),
                        "--config", config.toString(), "--data", workDir.resolve(name).toString()),
                env, workDir);
    }

    /**
     * The real agent's spool, delivery and enrolment fed with synthetic events ({@link SyntheticAgent}), as its own
     * JVM on the agent jar plus the test classes, with the agent's -Xmx64m.
     */
    static RunningProcess startSyntheticAgent(Path workDir, String name, Path config, String... options)
            throws IOException {
        Path testClasses;
        try {
            testClasses = Path.of(SyntheticAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<String> command = new ArrayList<>(List.of(RunningProcess.java(), "-Xmx64m", "-cp",
                jar("vigil.agent.jar") + File.pathSeparator + testClasses, SyntheticAgent.class.getName(),
                "--config", config.toString(), "--data", workDir.resolve(name).toString()));
        command.addAll(List.of(options));
        return RunningProcess.start(name, command, Map.of(), workDir);
    }

    public int grpcPort() {
        return grpcPort;
    }

    /** Stops the console with SIGKILL: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        console.kill();
    }

    public String httpBase() {
        return httpBase;
    }

    Path consoleData() {
        return workDir.resolve("console");
    }

    /** The first column of the query's first row in the console's database (0 if there is no row). */
    public long count(String sql) {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + consoleData().resolve("vigil.db"));
             PreparedStatement statement = db.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the console's database: " + sql, e);
        }
    }

    /** Waits until the console's database holds {@code expected} captures. */
    public void awaitCaptureCount(long expected, Duration timeout) {
        try {
            waitUntil(timeout, expected + " captures in the console's database",
                    () -> count("SELECT COUNT(*) FROM captures") == expected);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; it holds " + count("SELECT COUNT(*) FROM captures")
                    + "\nconsole output:\n" + console.output(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        console.close();
    }
}
