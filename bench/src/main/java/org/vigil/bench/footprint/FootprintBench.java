package org.vigil.bench.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.vigil.bench.LoadAverage;

/**
 * {@code footprint}: the agent's memory and CPU as a pupil's laptop sees them. Starts Xvfb, the real console jar
 * and, per variant, the real agent jar as separate processes; waits for every agent to connect, lets them settle,
 * then reads /proc over an idle window and over a window of xdotool typing at a steady rate.
 */
public final class FootprintBench {
    private static final long CLOCK_TICKS = 100;

    private final FootprintOptions options;

    public FootprintBench(List<String> args) {
        this.options = FootprintOptions.parse(args);
    }

    public void run() throws IOException, InterruptedException {
        Path workDir = Files.createTempDirectory("vigil-footprint-");
        List<AgentGroup> agents = new ArrayList<>();
        try (XvfbDisplay display = XvfbDisplay.start();
             FocusedWindow focused = FocusedWindow.open(display.name());
             NotificationServer notifications = options.notificationServer()
                     ? NotificationServer.start(display.name()) : NotificationServer.none();
             ConsoleProcess console = ConsoleProcess.start(options.consoleJar(), workDir)) {
            try {
                startAndMeasure(display, console, agents, workDir, notifications.sessionEnv());
            } finally {
                // before the console and display go, so the agents stop as they would at logout
                for (AgentGroup agent : agents) {
                    agent.close();
                }
            }
        } finally {
            if (!options.keepData()) {
                delete(workDir);
            } else {
                System.out.println("kept " + workDir);
            }
        }
    }

    private void startAndMeasure(XvfbDisplay display, ConsoleProcess console, List<AgentGroup> agents, Path workDir,
                                 Map<String, String> sessionEnv) throws IOException, InterruptedException {
        List<ProcessGroup> groups = new ArrayList<>();
        for (Map.Entry<String, String> variant : options.variants().entrySet()) {
            Path config = console.agentConfig(workDir.resolve("agent-" + variant.getKey() + ".properties"));
            AgentGroup agent = AgentGroup.start(variant.getKey(), variant.getValue(), options.agentArgs(),
                    options.agentJar(variant.getKey()), config, workDir, display.name(), sessionEnv);
            agents.add(agent);
            groups.add(agent.group());
        }
        options.attached().forEach((name, pids) -> groups.add(new ProcessGroup(name, "(attached)", pids)));
        List<ProcessGroup> rows = groups.stream().flatMap(group -> group.rows().stream()).toList();
        List<ProcessGroup> processes = rows.stream().filter(row -> row.pids().size() == 1).toList();
        awaitConnected(console, options.variants().size(), workDir);
        System.out.printf("display %s, work dir %s; %d agent group(s) connected; settling %d s%n",
                display.name(), workDir, options.variants().size(), options.settleSeconds());
        TimeUnit.SECONDS.sleep(options.settleSeconds());

        String loadBefore = loadAverage();
        Map<ProcessGroup, ThreadTicks> threadsBefore = new LinkedHashMap<>();
        processes.forEach(process -> threadsBefore.put(process, ThreadTicks.read(process.pids())));
        Map<ProcessGroup, Window> idle = measure(rows, options.idleSeconds(), Optional.empty());
        String loadAfterIdle = loadAverage();
        System.out.println("threads that used CPU in the idle window (ticks of 10 ms):");
        processes.forEach(process -> System.out.println("  " + process.name() + ": "
                + ThreadTicks.read(process.pids()).since(threadsBefore.get(process))));
        long capturesBefore = console.captures();
        Typist typist = new Typist(display, options.charsPerSecond());
        processes.forEach(process -> threadsBefore.put(process, ThreadTicks.read(process.pids())));
        Map<ProcessGroup, Window> typing = measure(rows, options.typingSeconds(), Optional.of(typist));
        System.out.println("threads that used CPU in the typing window (ticks of 10 ms):");
        processes.forEach(process -> System.out.println("  " + process.name() + ": "
                + ThreadTicks.read(process.pids()).since(threadsBefore.get(process))));
        TimeUnit.SECONDS.sleep(3);
        report(rows, idle, typing, loadBefore, loadAfterIdle, console.captures() - capturesBefore);
    }

    private void awaitConnected(ConsoleProcess console, int expected, Path workDir) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (console.connectedDevices() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(console.connectedDevices() + " of " + expected
                        + " agents connected within 120 s; see the agent logs in " + workDir);
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /** Samples every group each second for the window (or until the typist is done, when there is one). */
    private Map<ProcessGroup, Window> measure(List<ProcessGroup> groups, int seconds, Optional<Typist> typist)
            throws InterruptedException {
        Map<ProcessGroup, Window> windows = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (ProcessGroup group : groups) {
            windows.put(group, new Window(group.sample().orElse(ProcSample.ZERO), start, CLOCK_TICKS));
        }
        CompletableFuture<Long> typed = typist.map(t -> CompletableFuture.supplyAsync(() -> {
            try {
                return t.typeFor(seconds);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0L;
            }
        })).orElse(CompletableFuture.completedFuture(0L));
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end || !typed.isDone()) {
            TimeUnit.SECONDS.sleep(1);
            long now = System.nanoTime();
            windows.forEach((group, window) -> window.add(group.sample(), now));
        }
        if (typist.isPresent()) {
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf("typed %d characters in %.0f s%n", typed.join(), secs);
        }
        return windows;
    }

    private void report(List<ProcessGroup> groups, Map<ProcessGroup, Window> idle, Map<ProcessGroup, Window> typing,
                        String loadBefore, String loadAfter, long captures) {
        System.out.printf("%nmachine: %d cores; load average %s before the idle window, %s after%n",
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
        System.out.printf("windows: settle %d s, idle %d s, typing %d s at %d chars/s; %d captures stored during typing%n",
                options.settleSeconds(), options.idleSeconds(), options.typingSeconds(), options.charsPerSecond(),
                captures);
        System.out.println("| variant | RSS idle MB | Pss idle MB | RSS peak MB | idle CPU % | typing CPU % (of which xprop) "
                + "| threads | JVM flags |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (ProcessGroup group : groups) {
            Window i = idle.get(group);
            Window t = typing.get(group);
            long peak = Math.max(i.peakRssKb(), t.peakRssKb());
            System.out.printf("| %s | %.1f | %s | %.1f | %.3f (%d ticks) | %.2f (%.2f) | %d | `%s` |%s%n",
                    group.name(), i.last().rssKb() / 1024.0,
                    i.last().pssKb() < 0 ? "n/a" : String.format("%.1f", i.last().pssKb() / 1024.0),
                    peak / 1024.0, i.cpuPercent(), i.ticks(), t.cpuPercent(), t.childCpuPercent(),
                    Math.max(i.peakThreads(), t.peakThreads()), group.flags(),
                    i.died() || t.died() ? " DIED" : "");
        }
    }

    private static String loadAverage() {
        return LoadAverage.now();
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
