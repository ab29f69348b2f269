package org.vigil.bench.footprint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The footprint run's command line. {@code --variant NAME=FLAGS} (repeatable) starts one agent group per variant,
 * all at once on the same display so they hear the same typing; FLAGS are JVM options, and leading
 * {@code NAME=VALUE} words are environment variables (e.g. {@code MALLOC_ARENA_MAX=2}). {@code --agent-args}
 * lists the processes of one group, {@code |}-separated, each the arguments after {@code -jar AGENT_JAR}, with
 * {@code {config}} and {@code {data}} filled in: one process (both halves) by default; {@code --split} is the
 * deployed shape, the device service and the session helper as two processes on a socket in the variant's data dir.
 * With more than one process, FLAGS may hold one set per process, {@code |}-separated in the same order
 * ({@code SERVICE_FLAGS|SESSION_FLAGS}); one set is used for every process.
 * {@code --variant-jar NAME=JAR} runs that variant from another agent jar (a before and after in one run).
 * {@code --attach NAME=PID,PID} also measures processes started by hand. {@code --notification-server} runs a
 * D-Bus session bus and dunst on the display, as a desktop has, and gives the agents its address.
 */
record FootprintOptions(int settleSeconds, int idleSeconds, int typingSeconds, int charsPerSecond,
                        Map<String, String> variants, List<String> agentArgs, Map<String, List<Long>> attached,
                        Path agentJar, Map<String, Path> variantJars, Path consoleJar, boolean keepData,
                        boolean notificationServer) {
    static final String DEFAULT_FLAGS = "-Xmx64m";
    static final List<String> ONE_PROCESS = List.of("--config {config} --data {data}");
    static final List<String> SPLIT = List.of(
            "service --config {config} --data {data} --socket {data}/helper.sock",
            "session --socket {data}/helper.sock");

    static FootprintOptions parse(List<String> args) {
        int settle = 30;
        int idle = 60;
        int typing = 60;
        int rate = 10;
        Map<String, String> variants = new LinkedHashMap<>();
        List<String> agentArgs = ONE_PROCESS;
        Map<String, List<Long>> attached = new LinkedHashMap<>();
        Path agentJar = Path.of("agent/target/vigil-agent.jar");
        Map<String, Path> variantJars = new LinkedHashMap<>();
        Path consoleJar = Path.of("console/target/vigil-console.jar");
        boolean keep = false;
        boolean notifications = false;
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (name.equals("--keep-data")) {
                keep = true;
                continue;
            }
            if (name.equals("--notification-server")) {
                notifications = true;
                continue;
            }
            if (name.equals("--split")) {
                agentArgs = SPLIT;
                continue;
            }
            if (i + 1 == args.size()) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args.get(++i);
            switch (name) {
                case "--settle-seconds" -> settle = Integer.parseInt(value);
                case "--idle-seconds" -> idle = Integer.parseInt(value);
                case "--typing-seconds" -> typing = Integer.parseInt(value);
                case "--chars-per-second" -> rate = Integer.parseInt(value);
                case "--variant" -> variants.put(before(value), after(value));
                case "--agent-args" -> agentArgs = List.of(value.split("\\|"));
                case "--attach" -> attached.put(before(value), pids(after(value)));
                case "--agent-jar" -> agentJar = Path.of(value);
                case "--variant-jar" -> variantJars.put(before(value), Path.of(after(value)).toAbsolutePath());
                case "--console-jar" -> consoleJar = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (variants.isEmpty() && attached.isEmpty()) {
            variants.put("baseline", DEFAULT_FLAGS);
        }
        return new FootprintOptions(settle, idle, typing, rate, variants, agentArgs, attached,
                agentJar.toAbsolutePath(), Map.copyOf(variantJars), consoleJar.toAbsolutePath(), keep, notifications);
    }

    /** The agent jar a variant runs from. */
    Path agentJar(String variant) {
        return variantJars.getOrDefault(variant, agentJar);
    }

    private static String before(String value) {
        int eq = value.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected NAME=..., got " + value);
        }
        return value.substring(0, eq);
    }

    private static String after(String value) {
        return value.substring(value.indexOf('=') + 1);
    }

    private static List<Long> pids(String list) {
        List<Long> pids = new ArrayList<>();
        for (String pid : list.split(",")) {
            pids.add(Long.parseLong(pid.trim()));
        }
        return pids;
    }
}
