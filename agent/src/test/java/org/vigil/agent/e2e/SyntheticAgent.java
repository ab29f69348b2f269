package org.vigil.agent.e2e;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.vigil.agent.config.AgentConfig;
import org.vigil.agent.config.ConfigLoader;
import org.vigil.agent.delivery.AgentInfo;
import org.vigil.agent.delivery.Backoff;
import org.vigil.agent.delivery.ConsoleChannels;
import org.vigil.agent.delivery.Delivery;
import org.vigil.agent.delivery.DeviceCredentials;
import org.vigil.agent.enrolment.CredentialStore;
import org.vigil.agent.enrolment.Enrolment;
import org.vigil.agent.enrolment.StoredIdentity;
import org.vigil.agent.policy.PolicyReceiver;
import org.vigil.agent.spool.Spool;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.Event;
import org.vigil.proto.v1.Monitoring;
import org.vigil.proto.v1.Screenshot;
import org.vigil.runtime.Supervisor;

/**
 * Test-only program (never in the agent jar): the real agent's config, enrolment, spool and delivery, fed with
 * synthetic events instead of keystrokes, so fault tests can put a thousand events through the real pipeline in
 * a second. Run as its own JVM on the agent jar plus the test classes, so a test can SIGKILL it.
 *
 * <pre>
 * --config FILE --data DIR --events N [--first-seq S] [--screenshot-bytes B] [--heartbeat-ms M] [--spool-only]
 * </pre>
 * Prints {@code spooled N events} on stdout once every event is in the spool, then {@code spool depth D} whenever
 * the depth changes. With {@code --spool-only} it never connects: it spools and waits to be killed.
 */
public final class SyntheticAgent {
    private SyntheticAgent() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--spool-only")) {
                options.put("--spool-only", "true");
            } else {
                options.put(args[i], args[++i]);
            }
        }
        AgentConfig config = new ConfigLoader(Map.of(), Path.of("unused"))
                .load(Path.of(options.get("--config")), Optional.of(Path.of(options.get("--data"))));
        Files.createDirectories(config.dataDir());
        Clock clock = Clock.systemUTC();
        AgentInfo agent = new AgentInfo("synthetic", "Linux test", "pupil-synthetic", "synthetic-host");
        ManagedChannel channel = ConsoleChannels.open(config.consoleAddress(), config.consoleCa());
        Spool spool = Spool.open(config.dataDir(), config.spoolMaxBytes(), WireNames.MAX_MESSAGE_BYTES - 64 * 1024);
        Delivery delivery = new Delivery(channel, config.consoleAddress(), spool, agent,
                new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2), new Random()), clock,
                Duration.ofMillis(Long.parseLong(options.getOrDefault("--heartbeat-ms", "1000"))), PolicyReceiver.NONE,
                Monitoring::getDefaultInstance, Supervisor.forProcess());

        boolean spoolOnly = options.containsKey("--spool-only");
        if (!spoolOnly) {
            CredentialStore store = new CredentialStore(config.dataDir());
            Optional<DeviceCredentials> credentials = store.load().map(StoredIdentity::credentials);
            if (credentials.isEmpty()) {
                credentials = Optional.of(new Enrolment(channel, config.consoleAddress(), config.consoleCa(),
                        config.enrolmentToken().orElseThrow(), config.source(), agent, store,
                        new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2), new Random()), clock)
                        .enrol(false, Optional.empty()).credentials());
            }
            System.out.println("device " + credentials.get().deviceId());
            delivery.start(credentials.get());
        }

        int events = Integer.parseInt(options.getOrDefault("--events", "0"));
        long firstSeq = Long.parseLong(options.getOrDefault("--first-seq", "0"));
        int screenshotBytes = Integer.parseInt(options.getOrDefault("--screenshot-bytes", "0"));
        Random random = new Random();
        for (int i = 0; i < events; i++) {
            delivery.submit(event(firstSeq + i, screenshotBytes, random));
        }
        System.out.println("spooled " + events + " events");
        System.out.flush();

        long lastDepth = -1;
        while (true) {
            long depth = spool.depth();
            if (depth != lastDepth) {
                System.out.println("spool depth " + depth);
                System.out.flush();
                lastDepth = depth;
            }
            Thread.sleep(50);
        }
    }

    static Event event(long seq, int screenshotBytes, Random random) {
        String context = "synthetic line " + seq + " with a matched phrase in it";
        int start = context.indexOf("matched phrase");
        Instant now = Instant.now();
        Event.Builder event = Event.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setSeq(seq)
                .setOccurredAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setUser("pupil-synthetic")
                .setWindowTitle("Synthetic window")
                .setApp("synthetic")
                .setCategory("bullying")
                .setSeverity(3)
                .setRuleId("bullying.txt:1")
                .setMatchedText("matched phrase")
                .setContext(context)
                .setMatchStart(start)
                .setMatchEnd(start + "matched phrase".length())
                .setExplanation("synthetic event " + seq);
        if (screenshotBytes > 0) {
            byte[] image = new byte[screenshotBytes];
            random.nextBytes(image);
            event.setScreenshot(Screenshot.newBuilder().setMediaType("image/png").setData(ByteString.copyFrom(image))
                    .setWidth(640).setHeight(400));
        }
        return event.build();
    }
}
