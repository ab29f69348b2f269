package org.vigil.bench;

import io.grpc.ManagedChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.vigil.agent.policy.AgentPolicy;
import org.vigil.agent.policy.LastKnownGood;
import org.vigil.wordlists.WordlistBundle;

/**
 * Time from publish to every one of {@code agents} connected agents running the new version, as the console sees
 * it: N simulated agents (own TLS connection each) name the current version in Hello; IT publishes an edit; each
 * agent, on receiving the pushed policy, decodes it and checks its hash, then reports the version in a heartbeat.
 * Also times the real agent's apply (decode, hash, compile, write last-known-good) of the same policy, which each
 * real agent does on its own machine, in parallel.
 */
final class PolicyBench {
    private final int agents;

    PolicyBench(int agents) {
        this.agents = agents;
    }

    void run() throws Exception {
        try (BenchConsole bench = new BenchConsole()) {
            String current = bench.console().policies().current().change().version();
            Map<String, AtomicLong> receivedByVersion = new ConcurrentHashMap<>();
            AtomicLong ended = new AtomicLong();
            List<ManagedChannel> channels = new ArrayList<>();
            List<SimulatedAgent> simulated = bench.connectAgents(agents, channels,
                    (channel, credentials) -> new SimulatedAgent(channel, credentials, 1,
                            error -> ended.incrementAndGet(), current, policy -> {
                                WordlistBundle bundle = WordlistBundle.decode(
                                        policy.getWordlist().toString(StandardCharsets.UTF_8));
                                if (bundle.version().equals(policy.getVersion())) {
                                    receivedByVersion.computeIfAbsent(policy.getVersion(), v -> new AtomicLong())
                                            .incrementAndGet();
                                }
                            }));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (bench.console().liveStreams() < agents && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            System.out.printf(Locale.ROOT, "policy: %d agents connected (%d live streams)%n", agents,
                    bench.console().liveStreams());

            String gambling = bench.console().policies().current().bundle().files().get("gambling.txt");
            long start = System.nanoTime();
            String published = bench.console().policies().editCategory("gambling", gambling + "3 | lucky spin\n",
                    "bench", Optional.of("benchmark")).current().version();
            long publishReturned = System.nanoTime();
            AtomicLong received = receivedByVersion.computeIfAbsent(published, v -> new AtomicLong());
            while (received.get() < agents && ended.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            long allReceived = System.nanoTime();
            long running = 0;
            while ((running = devicesOn(bench, published)) < agents && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            long allRecorded = System.nanoTime();
            System.out.printf(Locale.ROOT, "policy: publish (store + push to all streams) %.0f ms; all %d agents"
                    + " received and verified it after %.0f ms; console records all %d running it after %.0f ms;"
                    + " %d streams ended%n", ms(start, publishReturned), received.get(), ms(start, allReceived),
                    running, ms(start, allRecorded), ended.get());
            System.out.println(BenchConsole.memory() + " (console and all simulated agents in this one JVM)");

            oneGroupsChange(bench, receivedByVersion, ended, deadline);
            agentApply(bench.console().policies().current().bundle());
            simulated.forEach(SimulatedAgent::close);
            channels.forEach(ManagedChannel::shutdownNow);
        }
    }

    /**
     * Half the devices (even host numbers) join group ks2, as the command line in another process would move them;
     * then IT publishes a change to ks2 alone. Times every ks2 agent receiving and running it, and counts what the
     * other half was sent (nothing, if only the group's devices are sent its lists).
     */
    private void oneGroupsChange(BenchConsole bench, Map<String, AtomicLong> receivedByVersion, AtomicLong ended,
                                 long deadline) throws Exception {
        bench.console().policies().editGroup("ks2", "# KS2\n", "bench", Optional.empty());
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:"
                + bench.console().dataDir().resolve("vigil.db"));
             PreparedStatement move = db.prepareStatement("UPDATE devices SET policy_group = 'ks2'"
                     + " WHERE CAST(substr(hostname, 7) AS INTEGER) % 2 = 0")) {
            move.executeUpdate();
        }
        long inGroup = (agents + 1) / 2;
        long sentBefore = receivedByVersion.values().stream().mapToLong(AtomicLong::get).sum();
        Thread.sleep(3000); // a reconcile has run: a group with no changes sends nothing
        long start = System.nanoTime();
        bench.console().policies().editGroup("ks2", "# KS2\nadd gambling | 3 | loot box\n", "bench",
                Optional.of("benchmark"));
        String ks2 = bench.console().policies().effective(Optional.of("ks2")).version();
        AtomicLong received = receivedByVersion.computeIfAbsent(ks2, v -> new AtomicLong());
        while (received.get() < inGroup && ended.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        long allReceived = System.nanoTime();
        long running;
        while ((running = devicesOn(bench, ks2)) < inGroup && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long allRecorded = System.nanoTime();
        Thread.sleep(3000);
        long sentAfter = receivedByVersion.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.printf(Locale.ROOT, "policy: group change: all %d ks2 agents received it after %.0f ms; console"
                + " records %d running it after %.0f ms; policies sent in all since the move: %d (to agents outside"
                + " ks2: %d)%n", received.get(), ms(start, allReceived), running, ms(start, allRecorded),
                sentAfter - sentBefore, sentAfter - sentBefore - received.get());
    }

    /** The real agent's work on a pushed policy: decode, hash check, compile, last-known-good write. */
    private static void agentApply(WordlistBundle bundle) throws Exception {
        byte[] wire = bundle.encode().getBytes(StandardCharsets.UTF_8);
        double[] millis = new double[7];
        for (int i = 0; i < millis.length; i++) {
            Path dir = Files.createTempDirectory("vigil-bench-agent");
            AgentPolicy policy = AgentPolicy.start(new LastKnownGood(dir));
            long start = System.nanoTime();
            policy.received(bundle.version(), wire);
            millis[i] = (System.nanoTime() - start) / 1e6;
            if (!policy.runningVersion().equals(bundle.version())) {
                throw new IllegalStateException("the agent did not apply the policy");
            }
        }
        Arrays.sort(millis);
        System.out.printf(Locale.ROOT, "policy: real agent apply of %d KB, %d rules: median %.0f ms, max %.0f ms"
                + " (of %d; decode + hash + compile + write)%n", wire.length / 1024, bundle.wordlist().rules().size(),
                millis[millis.length / 2], millis[millis.length - 1], millis.length);
    }

    private static double ms(long from, long to) {
        return (to - from) / 1e6;
    }

    private static long devicesOn(BenchConsole bench, String version) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:"
                + bench.console().dataDir().resolve("vigil.db"));
             PreparedStatement statement = db.prepareStatement("SELECT count(*) FROM devices WHERE policy_version = ?")) {
            statement.setString(1, version);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
