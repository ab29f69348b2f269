package org.vigil.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.vigil.agent.capture.HookUnavailableException;
import org.vigil.agent.cli.Arguments;
import org.vigil.agent.cli.ExitCodes;
import org.vigil.agent.config.AgentConfig;
import org.vigil.agent.config.ConfigException;
import org.vigil.agent.config.ConfigLoader;
import org.vigil.agent.config.DataDirs;
import org.vigil.agent.delivery.AgentInfo;
import org.vigil.agent.delivery.Delivery;
import org.vigil.agent.service.DeviceService;
import org.vigil.agent.session.Desktop;
import org.vigil.agent.session.Session;
import org.vigil.agent.session.SessionSettings;
import org.vigil.runtime.Fatal;
import org.vigil.runtime.Supervisor;

/**
 * {@code java -jar vigil-agent.jar --config FILE [--data DIR]}: runs in the pupil's desktop session until stopped,
 * with both halves of the agent in this one process: the {@link Session} (hook, typing, evidence) hands events to
 * the {@link DeviceService} (enrolment, spool, delivery, policy), which gives it the matcher in force.
 * Exit codes ({@link ExitCodes}): 2 for a bad command line or config, 3 when the keyboard hook cannot run in this
 * session, 70 when a worker fails in a way the process cannot recover from.
 */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);
    /**
     * What the agent tells the console when its JVM shuts down normally: its service stopped, the session ended
     * (the user logged out) or the machine is shutting down; the JVM cannot tell which.
     */
    static final String STOP_REASON = "shutdown";

    private final Map<String, String> env;
    private final Fatal fatal;
    private final CountDownLatch stopped = new CountDownLatch(1);

    Main(Map<String, String> env, Fatal fatal) {
        this.env = Map.copyOf(env);
        this.fatal = fatal;
    }

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        int code = new Main(System.getenv(), Fatal.exitProcess()).run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    int run(String[] args) {
        if (Arguments.asksForHelp(args)) {
            System.err.println(Arguments.USAGE);
            return 0;
        }
        try {
            Arguments arguments = Arguments.parse(args);
            Path home = Path.of(System.getProperty("user.home"));
            AgentConfig config = new ConfigLoader(env, DataDirs.defaultFor(System.getProperty("os.name", ""), env,
                    home)).load(arguments.config(), arguments.dataDir());
            return runWith(config);
        } catch (ConfigException e) {
            log.error("{}", e.getMessage());
            return ExitCodes.CONFIG;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private int runWith(AgentConfig config) throws ConfigException, InterruptedException {
        Clock clock = Clock.systemUTC();
        AtomicBoolean failed = new AtomicBoolean();
        Supervisor supervisor = new Supervisor((worker, cause) -> {
            failed.set(true);
            fatal.failed(worker, cause);
        }, clock);
        AgentInfo agent = new AgentInfo(version(), os(), System.getProperty("user.name", ""), hostname());
        DeviceService device = DeviceService.open(config, agent, Delivery.HEARTBEAT, supervisor, clock);
        Session session = new Session(new SessionSettings(config.contextChars(), config.excludedApps(), agent.user()),
                device.matchers(), device.events(), Desktop.of(config.dataDir().resolve("native"), env, supervisor),
                supervisor, clock);
        try {
            session.start();
        } catch (HookUnavailableException e) {
            log.error("cannot monitor typing: {}", e.getMessage());
            device.close();
            supervisor.close();
            return ExitCodes.NO_HOOK;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            session.close();
            // a clean stop says so, and the console shows it; a failure leaves the device to go silent
            if (failed.get()) {
                device.closeAfterFailure();
            } else {
                device.close(STOP_REASON);
            }
            supervisor.close();
            log.info("Vigil agent stopped");
            stopped.countDown();
        }, "vigil-shutdown"));

        Optional<String> deviceId = device.start(session::monitoring);
        log.info("Vigil agent listening for typed text; device {}; console {}",
                deviceId.orElse("(not enrolled yet)"), config.consoleAddress());
        stopped.await();
        return 0;
    }

    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private static String os() {
        return (System.getProperty("os.name", "") + " " + System.getProperty("os.version", "")).strip();
    }

    private String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return env.getOrDefault("HOSTNAME", env.getOrDefault("COMPUTERNAME", ""));
        }
    }
}
