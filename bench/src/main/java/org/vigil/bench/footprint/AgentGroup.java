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
     * @param flags    JVM options, after any leading {@code NAME=VALUE} environment words
     * @param argLines one entry per process: the arguments after {@code -jar JAR}, with {config} and {data}
     */
    static AgentGroup start(String name, String flags, List<String> argLines, Path jar, Path config, Path workDir,
                            String display) throws IOException {
        Map<String, String> env = new HashMap<>();
        List<String> jvm = new ArrayList<>();
        for (String word : words(flags)) {
            if (jvm.isEmpty() && word.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                env.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
            } else {
                jvm.add(word);
            }
        }
        Path data = workDir.resolve("agent-" + name);
        List<Process> processes = new ArrayList<>();
        List<Long> pids = new ArrayList<>();
        for (int i = 0; i < argLines.size(); i++) {
            List<String> command = new ArrayList<>(List.of(Java.binary()));
            command.addAll(jvm);
            command.addAll(List.of("-jar", jar.toString()));
            for (String arg : words(argLines.get(i))) {
                command.add(arg.replace("{config}", config.toString()).replace("{data}", data.toString()));
            }
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("agent-" + name + "-" + i + ".log").toFile());
            builder.environment().putAll(env);
            builder.environment().put("DISPLAY", display);
            Process process = builder.start();
            processes.add(process);
            pids.add(process.pid());
        }
        return new AgentGroup(new ProcessGroup(name, flags, pids), processes);
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
