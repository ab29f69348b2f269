package org.vigil.bench;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import org.vigil.agent.delivery.ConsoleChannels;
import org.vigil.agent.delivery.DeviceCredentials;
import org.vigil.console.Console;
import org.vigil.console.ConsoleConfig;
import org.vigil.proto.v1.AgentGatewayGrpc;
import org.vigil.proto.v1.EnrollRequest;
import org.vigil.proto.v1.EnrollResponse;

/** A real console on a fresh temp data dir, and what simulated agents need to reach it. */
final class BenchConsole implements AutoCloseable {
    private final Path dataDir;
    private final Console console;
    private final String token;

    BenchConsole() throws IOException {
        this(config -> config);
    }

    /** @param configure adds settings (a mail server, say) to the loopback configuration */
    BenchConsole(UnaryOperator<ConsoleConfig> configure) throws IOException {
        this(Files.createTempDirectory("vigil-bench"), configure);
    }

    /** A console over a data dir the harness prepared (seeded); it is deleted on close like a fresh one. */
    BenchConsole(Path dataDir, UnaryOperator<ConsoleConfig> configure) throws IOException {
        this.dataDir = dataDir;
        console = Console.start(configure.apply(ConsoleConfig.onLoopback(dataDir).withPlainHttp()));
        token = console.mintEnrolmentToken();
    }

    /** Where the console keeps screenshots, in words. */
    String screenshotStore() {
        return console.screenshotStore();
    }

    /** A channel as an agent opens it: TLS, pinned to the console's CA. */
    ManagedChannel channel() throws SSLException {
        return ConsoleChannels.open(console.grpcAddress(), console.caFingerprint());
    }

    /**
     * Enrols {@code count} simulated agents, 16 at a time, each on its own TLS channel (added to {@code channels}
     * so the caller can close them), and connects each with {@code connect}.
     */
    List<SimulatedAgent> connectAgents(int count, List<ManagedChannel> channels,
                                       BiFunction<ManagedChannel, DeviceCredentials, SimulatedAgent> connect)
            throws Exception {
        ExecutorService enrolling = Executors.newFixedThreadPool(16);
        try {
            List<Future<SimulatedAgent>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ManagedChannel channel = channel();
                channels.add(channel);
                String host = "bench-" + i;
                pending.add(enrolling.submit(() -> connect.apply(channel, enrol(channel, host))));
            }
            List<SimulatedAgent> agents = new ArrayList<>();
            for (Future<SimulatedAgent> agent : pending) {
                agents.add(agent.get());
            }
            return agents;
        } finally {
            enrolling.shutdown();
        }
    }

    DeviceCredentials enrol(ManagedChannel channel, String hostname) {
        EnrollResponse response = AgentGatewayGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .enroll(EnrollRequest.newBuilder().setEnrolmentToken(token).setHostname(hostname).setOs("bench")
                        .setAgentVersion("bench").setUser("pupil").build());
        return new DeviceCredentials(response.getDeviceId(), response.getDeviceSecret());
    }

    Console console() {
        return console;
    }

    static String memory() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long heapMb = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        String rss = "?";
        try {
            rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> l.substring(6).strip()).findFirst().orElse("?");
        } catch (IOException e) {
            // not Linux
        }
        return "heap used after GC " + heapMb + " MB, RSS " + rss + ", threads "
                + ManagementFactory.getThreadMXBean().getThreadCount();
    }

    @Override
    public void close() throws IOException {
        console.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
