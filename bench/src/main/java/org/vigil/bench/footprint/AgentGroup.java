package org.vigil.bench.footprint;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The agent processes of one variant, started from the real agent jar with the variant's JVM flags. */
final class AgentGroup implements AutoCloseable {
    private final ProcessGroup group;
    private final List<Process> processes;

    private AgentGroup(ProcessGroup group, List<Process> processes) {
        this.group = group;
        this.processes = processes;
    }

    /**
     * @param flags    JVM options, after any leading {@code NAME=VALUE} environment words; one set for every
     *                 process, or one per process separated by {@code |}
     * @param argLines one entry per process: the arguments after {@code -jar JAR}, with {config} and {data}
     * @param sessionEnv the desktop session's environment beyond DISPLAY (a D-Bus session bus), for every process
     */
    static AgentGroup start(String name, String flags, List<String> argLines, Path jar, Path config, Path workDir,
                            String display, Map<String, String> sessionEnv) throws IOException {
        String[] perProcess = flags.split("\\|", -1);
        if (perProcess.length != 1 && perProcess.length != argLines.size()) {
            throw new IllegalArgumentException("variant " + name + " has " + perProcess.length + " flag sets for "
                    + argLines.size() + " processes");
        }
        Path data = workDir.resolve("agent-" + name);
        List<Process> processes = new ArrayList<>();
        List<ProcessGroup> parts = new ArrayList<>();
        for (int i = 0; i < argLines.size(); i++) {
            String processFlags = perProcess[perProcess.length == 1 ? 0 : i].trim();
            Map<String, String> env = new HashMap<>();
            List<String> command = new ArrayList<>(List.of(Java.binary()));
            for (String word : words(processFlags)) {
                if (command.size() == 1 && word.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                    env.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
                } else if (word.startsWith("@")) {
                    // an argument file named from where the bench runs; the agent runs in the work dir
                    command.add("@" + Path.of(word.substring(1)).toAbsolutePath());
                } else {
                    command.add(word);
                }
            }
            command.addAll(List.of("-jar", jar.toString()));
            List<String> args = words(argLines.get(i));
            for (String arg : args) {
                command.add(arg.replace("{config}", config.toString()).replace("{data}", data.toString()));
            }
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("agent-" + name + "-" + i + ".log").toFile());
            builder.environment().putAll(sessionEnv);
            builder.environment().putAll(env);
            builder.environment().put("DISPLAY", display);
            Process process = builder.start();
            processes.add(process);
            String role = args.isEmpty() || args.get(0).startsWith("--") ? Integer.toString(i) : args.get(0);
            parts.add(new ProcessGroup(name + "/" + role, processFlags, List.of(process.pid()), List.of()));
        }
        List<Long> pids = parts.stream().map(part -> part.pids().get(0)).toList();
        return new AgentGroup(new ProcessGroup(name, flags, pids, parts.size() < 2 ? List.of() : parts), processes);
    }

    ProcessGroup group() {
        return group;
    }

    /** SIGTERM, as a service manager stops it, so the agent says Stopping and a CDS archive is written at exit. */
    @Override
    public void close() throws InterruptedException {
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }
}
