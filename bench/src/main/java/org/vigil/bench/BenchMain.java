package org.vigil.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.vigil.bench.fleet.FleetAgents;
import org.vigil.bench.fleet.FleetBench;
import org.vigil.bench.footprint.FootprintBench;
import org.vigil.console.retention.RetentionPurge;

/**
 * {@code java -jar bench/target/vigil-bench.jar ingest [--devices N] [--events N] [--screenshot-kb N]} or
 * {@code ... streams [--streams N] [--hold-seconds N] [--heartbeat-seconds N]} or {@code ... policy [--agents N]} or
 * {@code ... alerts [--captures N] [--dsls N] [--devices N] [--burst]} or
 * {@code ... login-flood [--visitors N] [--seconds N] [--flood-from-process]} or {@code ... stream-flood [--streams N] [--channels N] [--flood-from-process]} or
 * {@code ... purge [--captures N] [--screenshots N] [--devices N] [--rate N] [--before-seconds N] [--age-days N] [--batch N]} or {@code ... footprint [options]} (real agent and console
 * processes under Xvfb; see {@link FootprintBench}). Each run starts a real console
 * (TLS gRPC, SQLite in a temp dir) in this process and drives it with simulated agents over loopback.
 * Figures go to stdout.
 */
public final class BenchMain {
    private static final String CONSOLE_JAR = "console/target/vigil-console.jar";
    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("logback.configurationFile", "vigil-bench-logback.xml");
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        String which = args.length == 0 ? "" : args[0];
        // footprint takes text options (JVM flags); the others whole numbers
        if (which.equals("stream-flood-client")) { // started by stream-flood --flood-from-process
            StreamFloodClient.run(rest);
            System.exit(0);
        }
        if (which.equals("fleet-agents")) { // started by fleet
            FleetAgents.run(rest);
            System.exit(0);
        }
        if (which.equals("login-flood-client")) { // started by login-flood --flood-from-process
            LoginFloodClient.run(rest);
            System.exit(0);
        }
        BenchOptions options = BenchOptions.parse(which.equals("footprint") ? List.of() : rest);
        switch (which) {
            case "ingest" -> new IngestBench(options.get("--devices", 8), options.get("--events", 20_000),
                    options.get("--screenshot-kb", 0)).run();
            case "streams" -> new StreamsBench(options.get("--streams", 2000), options.get("--hold-seconds", 90),
                    options.get("--heartbeat-seconds", 30)).run();
            case "policy" -> new PolicyBench(options.get("--agents", 1000)).run();
            case "alerts" -> new AlertsBench(options.get("--captures", 200), options.get("--dsls", 2),
                    options.get("--devices", 4), options.has("--burst")).run();
            case "footprint" -> new FootprintBench(rest).run();
            case "fleet" -> new FleetBench(options.get("--agents", 20_000), options.get("--per-connection", 25),
                    options.get("--heartbeat-seconds", 30), options.get("--windows", 3), options.has("--failover"),
                    Path.of(Optional.ofNullable(System.getenv("VIGIL_CONSOLE_JAR")).orElse(CONSOLE_JAR))).run();
            case "login-flood" -> new LoginFloodBench(options.get("--visitors", 200), options.get("--seconds", 60),
                    options.has("--flood-from-process")).run();
            case "stream-flood" -> new StreamFloodBench(options.get("--streams", 10_000),
                    options.get("--channels", 100), options.has("--flood-from-process")).run();
            case "purge" -> new PurgeBench(options.get("--captures", 1_000_000), options.get("--screenshots", 200_000),
                    options.get("--devices", 4), options.get("--rate", 50), options.get("--before-seconds", 20),
                    options.get("--age-days", 400), options.get("--batch", RetentionPurge.BATCH)).run();
            default -> {
                System.err.println("usage: vigil-bench ingest [--devices N] [--events N] [--screenshot-kb N]\n"
                        + "       vigil-bench streams [--streams N] [--hold-seconds N] [--heartbeat-seconds N]\n"
                        + "       vigil-bench policy [--agents N]\n"
                        + "       vigil-bench fleet [--agents N] [--per-connection N] [--heartbeat-seconds N]"
                        + " [--windows N] [--failover]   (VIGIL_DB_URL: a new PostgreSQL database)\n"
                        + "       vigil-bench alerts [--captures N] [--dsls N] [--devices N] [--burst]\n"
                        + "       vigil-bench login-flood [--visitors N] [--seconds N] [--flood-from-process]\n"
                        + "       vigil-bench stream-flood [--streams N] [--channels N] [--flood-from-process]\n"
                        + "       vigil-bench purge [--captures N] [--screenshots N] [--devices N] [--rate N]"
                        + " [--before-seconds N] [--age-days N] [--batch N]\n"
                        + "       vigil-bench footprint [--settle-seconds 30] [--idle-seconds 60] [--typing-seconds 60]"
                        + " [--chars-per-second 10] [--variant NAME=FLAGS[|FLAGS]]... [--split | --agent-args 'ARGS|ARGS']"
                        + " [--variant-jar NAME=JAR]... [--attach NAME=PID,PID] [--keep-data]");
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
