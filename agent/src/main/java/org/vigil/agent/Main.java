package org.vigil.agent;

import io.grpc.ManagedChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.vigil.agent.capture.HookUnavailableException;
import org.vigil.agent.capture.KeyboardListener;
import org.vigil.agent.capture.NativeHook;
import org.vigil.agent.capture.TypingSignal;
import org.vigil.agent.config.AgentConfig;
import org.vigil.agent.config.ConfigException;
import org.vigil.agent.config.ConfigLoader;
import org.vigil.agent.config.DataDirs;
import org.vigil.agent.delivery.AgentInfo;
import org.vigil.agent.delivery.Backoff;
import org.vigil.agent.delivery.ConsoleChannels;
import org.vigil.agent.delivery.Delivery;
import org.vigil.agent.delivery.DeviceCredentials;
import org.vigil.agent.enrolment.CredentialStore;
import org.vigil.agent.enrolment.Enrolment;
import org.vigil.agent.evidence.EvidenceCollector;
import org.vigil.agent.evidence.Screenshots;
import org.vigil.agent.evidence.SequenceNumbers;
import org.vigil.agent.policy.AgentPolicy;
import org.vigil.agent.policy.LastKnownGood;
import org.vigil.agent.spool.Spool;
import org.vigil.agent.spool.SpoolException;
import org.vigil.agent.typing.AppExclusion;
import org.vigil.agent.typing.TypingConsumer;
import org.vigil.agent.window.ActiveWindow;
import org.vigil.agent.window.UnsupportedActiveWindow;
import org.vigil.agent.window.X11ActiveWindow;
import org.vigil.proto.WireNames;

/**
 * {@code java -jar vigil-agent.jar --config FILE [--data DIR]}: runs in the pupil's desktop session until stopped.
 * Exit codes: 2 for a bad command line or config, 3 when the keyboard hook cannot run in this session.
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);
    static final int EXIT_CONFIG = 2;
    static final int EXIT_NO_HOOK = 3;
    private static final int SIGNAL_QUEUE = 4096;
    /** Room left in a gRPC message around an event's own bytes. */
    private static final int SPOOL_HEADROOM = 64 * 1024;
    private static final String USAGE = "usage: java -jar vigil-agent.jar --config FILE [--data DIR]";

    private final Map<String, String> env;
    private final CountDownLatch stopped = new CountDownLatch(1);

    Main(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        int code = new Main(System.getenv()).run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Command-line arguments. */
    record Arguments(Path config, Optional<Path> dataDir) {
        static Arguments parse(String[] args) throws ConfigException {
            Path config = null;
            Path data = null;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--config" -> config = path(args, ++i, arg);
                    case "--data" -> data = path(args, ++i, arg);
                    default -> throw new ConfigException("unknown argument " + arg + "\n" + USAGE);
                }
            }
            if (config == null) {
                throw new ConfigException("--config FILE is required\n" + USAGE);
            }
            return new Arguments(config, Optional.ofNullable(data));
        }

        private static Path path(String[] args, int i, String option) throws ConfigException {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new ConfigException(option + " needs a value\n" + USAGE);
            }
            try {
                return Path.of(args[i]);
            } catch (InvalidPathException e) {
                throw new ConfigException(option + " " + args[i] + " is not a usable path");
            }
        }
    }

    int run(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.err.println(USAGE);
            return 0;
        }
        AgentConfig config;
        try {
            Arguments arguments = Arguments.parse(args);
            Path home = Path.of(System.getProperty("user.home"));
            config = new ConfigLoader(env, DataDirs.defaultFor(System.getProperty("os.name", ""), env, home))
                    .load(arguments.config(), arguments.dataDir());
        } catch (ConfigException e) {
            log.error("{}", e.getMessage());
            return EXIT_CONFIG;
        }
        try {
            return runWith(config);
        } catch (ConfigException e) {
            log.error("{}", e.getMessage());
            return EXIT_CONFIG;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private int runWith(AgentConfig config) throws ConfigException, InterruptedException {
        Clock clock = Clock.systemUTC();
        Path dataDir = config.dataDir();
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dataDir);
            }
        } catch (IOException e) {
            throw new ConfigException("cannot create the data dir " + dataDir + " (setting data.dir in "
                    + config.source() + " or --data): " + e);
        }
        CredentialStore store = new CredentialStore(dataDir);
        Optional<DeviceCredentials> credentials = store.load();
        if (credentials.isEmpty() && config.enrolmentToken().isEmpty()) {
            throw new ConfigException("missing setting " + ConfigLoader.ENROLMENT_TOKEN + " in " + config.source()
                    + " (or environment variable VIGIL_ENROLMENT_TOKEN): this device is not enrolled yet ("
                    + store.file() + " does not exist)");
        }

        String user = System.getProperty("user.name", "");
        String os = System.getProperty("os.name", "") + " " + System.getProperty("os.version", "");
        AgentInfo agent = new AgentInfo(version(), os.strip(), user, hostname());
        ActiveWindow activeWindow = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                ? new X11ActiveWindow()
                : new UnsupportedActiveWindow();
        AgentPolicy policy = AgentPolicy.start(new LastKnownGood(dataDir));

        ManagedChannel channel;
        try {
            channel = ConsoleChannels.open(config.consoleAddress(), config.consoleCa());
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException("cannot set up TLS to the console at " + config.consoleAddress() + " (setting "
                    + ConfigLoader.CONSOLE_ADDRESS + " in " + config.source() + "): " + e.getMessage());
        }
        Spool spool;
        try {
            spool = Spool.open(dataDir, config.spoolMaxBytes(), WireNames.MAX_MESSAGE_BYTES - SPOOL_HEADROOM);
        } catch (SpoolException e) {
            channel.shutdownNow();
            throw new ConfigException(e.getMessage() + " (data dir " + dataDir + ")");
        }
        Delivery delivery = new Delivery(channel, config.consoleAddress(), spool, agent, Backoff.standard(), clock,
                Delivery.HEARTBEAT, policy);
        EvidenceCollector evidence = new EvidenceCollector(config.contextChars(), activeWindow, new Screenshots(),
                clock, user, new SequenceNumbers(clock), delivery::submit);
        BlockingQueue<TypingSignal> signals = new ArrayBlockingQueue<>(SIGNAL_QUEUE);
        TypingConsumer typing = new TypingConsumer(signals, policy, activeWindow,
                new AppExclusion(config.excludedApps()), evidence, clock);
        KeyboardListener listener = new KeyboardListener(signals);
        NativeHook hook = new NativeHook(dataDir.resolve("native"), env, listener);

        try {
            hook.start();
        } catch (HookUnavailableException e) {
            log.error("cannot monitor typing: {}", e.getMessage());
            channel.shutdownNow();
            spool.close();
            return EXIT_NO_HOOK;
        }
        Thread typingThread = new Thread(typing, "vigil-typing");
        typingThread.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            hook.close();
            typingThread.interrupt();
            try {
                typingThread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delivery.close();
            channel.shutdownNow();
            spool.close();
            log.info("Vigil agent stopped");
            stopped.countDown();
        }, "vigil-shutdown"));

        Enrolment enrolment = new Enrolment(channel, config.consoleAddress(), config.enrolmentToken().orElse(""),
                agent, store, Backoff.standard(), clock);
        if (credentials.isEmpty()) {
            credentials = enrolment.tryOnce(Duration.ofSeconds(10));
        }
        log.info("Vigil agent listening for typed text; device {}; console {}",
                credentials.map(DeviceCredentials::deviceId).orElse("(not enrolled yet)"), config.consoleAddress());
        if (credentials.isPresent()) {
            delivery.start(credentials.get());
        } else {
            Thread enrolling = new Thread(() -> {
                try {
                    delivery.start(enrolment.enrol(true));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "vigil-enrolment");
            enrolling.setDaemon(true);
            enrolling.start();
        }
        if (log.isDebugEnabled()) {
            Thread stats = new Thread(() -> logSignalCounts(listener), "vigil-stats");
            stats.setDaemon(true);
            stats.start();
        }
        stopped.await();
        return 0;
    }

    /** Debug only: how many signals the hook produced. Counts, never text. */
    private void logSignalCounts(KeyboardListener listener) {
        long lastOffered = -1;
        try {
            while (true) {
                TimeUnit.SECONDS.sleep(2);
                long offered = listener.offered();
                if (offered != lastOffered) {
                    log.debug("keyboard hook: {} signals queued, {} dropped (queue full)", offered,
                            listener.dropped());
                    lastOffered = offered;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return env.getOrDefault("HOSTNAME", env.getOrDefault("COMPUTERNAME", ""));
        }
    }
}
