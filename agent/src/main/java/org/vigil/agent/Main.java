package org.vigil.agent;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
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
import org.vigil.agent.delivery.Backoff;
import org.vigil.agent.delivery.Delivery;
import org.vigil.agent.local.LocalTransport;
import org.vigil.agent.local.LocalTransports;
import org.vigil.agent.notice.SignInNoticeShower;
import org.vigil.agent.notice.TrayNotice;
import org.vigil.agent.policy.AgentPolicy;
import org.vigil.agent.service.DeviceService;
import org.vigil.agent.service.ServiceHalf;
import org.vigil.agent.session.Desktop;
import org.vigil.agent.session.LocalSessionClient;
import org.vigil.agent.session.Session;
import org.vigil.agent.session.SessionSettings;
import org.vigil.agent.winservice.JnaServiceControl;
import org.vigil.agent.winservice.WindowsService;
import org.vigil.proto.WireNames;
import org.vigil.proto.v1.HelperHello;
import org.vigil.proto.v1.HelperSettings;
import org.vigil.proto.v1.Monitoring;
import org.vigil.proto.v1.SignInNotice;
import org.vigil.runtime.Fatal;
import org.vigil.runtime.Supervisor;

/**
 * {@code java -jar vigil-agent.jar --config FILE [--data DIR]}: runs in the pupil's desktop session until stopped,
 * with both halves of the agent in this one process: the {@link Session} (hook, typing, evidence) hands events to
 * the {@link DeviceService} (enrolment, spool, delivery, policy), which gives it the matcher in force.
 * {@code service} runs the device half alone, serving session helpers on a local socket; {@code session} runs the
 * session half alone, as the pupil, handing its hits to the service (ADR 0111).
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
    /** A helper retries the device service quickly: it is on the same machine, restarting at most. */
    private static final Backoff LOCAL_BACKOFF = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5),
            RandomGenerator.getDefault());
    /** How long a helper waits for the service's settings before it starts with the built-in ones. */
    private static final Duration SETTINGS_WAIT = Duration.ofSeconds(5);

    private final CountDownLatch stopped = new CountDownLatch(1);

    Main(Map<String, String> env, Fatal fatal) {
        this.env = Map.copyOf(env);
        this.fatal = fatal;
    }

    public static void main(String[] args) {
        // JNA unpacks its native library under the user's ~/.cache/JNA unless told where: the agent leaves nothing in
        // a pupil's home (the .deb's purge test looks), so it goes to the temporary directory, deleted once loaded
        if (System.getProperty("jna.tmpdir") == null) {
            System.setProperty("jna.tmpdir", System.getProperty("java.io.tmpdir"));
        }
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        int code = new Main(System.getenv(), Fatal.exitProcess()).run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    int run(String[] args) {
        if (Arguments.asksForHelp(args)) {
            System.out.println(Arguments.USAGE);
            return 0;
        }
        if (Arguments.asksForVersion(args)) {
            System.out.println("vigil-agent " + version());
            return 0;
        }
        try {
            Arguments arguments = Arguments.parse(args);
            Path home = Path.of(System.getProperty("user.home"));
            Path defaultDataDir = DataDirs.defaultFor(System.getProperty("os.name", ""), env, home);
            if (arguments.command() == Arguments.Command.SESSION) {
                return runSession(defaultDataDir, LocalTransports.forOs(osName(), arguments.socket()));
            }
            if (arguments.command() != Arguments.Command.BOTH) {
                defaultDataDir = DataDirs.forService(System.getProperty("os.name", ""), env, home,
                        System.getProperty("user.name", ""));
            }
            AgentConfig config = new ConfigLoader(env, defaultDataDir).load(arguments.config().orElseThrow(),
                    arguments.dataDir());
            if (arguments.command() == Arguments.Command.SERVICE) {
                return runService(config, LocalTransports.forOs(osName(), arguments.socket()
                        .or(config::sessionSocket)));
            }
            if (arguments.command() == Arguments.Command.WINDOWS_SERVICE) {
                return runWindowsService(config, LocalTransports.forOs(osName(), arguments.socket()
                        .or(config::sessionSocket)));
            }
            return runWith(config);
        } catch (ConfigException e) {
            log.error("{}", e.getMessage());
            return ExitCodes.CONFIG;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Both halves in this one process, handing events and matchers to each other directly. */
    private int runWith(AgentConfig config) throws ConfigException, InterruptedException {
        Clock clock = Clock.systemUTC();
        AtomicBoolean failed = new AtomicBoolean();
        Supervisor supervisor = supervisor(failed, clock);
        AgentInfo agent = agentInfo();
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
        onShutdown(() -> {
            session.close();
            closeDevice(device, failed);
            supervisor.close();
        });

        Optional<String> deviceId = device.start(session::monitoring);
        log.info("Vigil agent listening for typed text; device {}; console {}",
                deviceId.orElse("(not enrolled yet)"), config.consoleAddress());
        stopped.await();
        return 0;
    }

    /** The device service: enrolment, spool and the console stream, fed by session helpers over the local socket. */
    private int runService(AgentConfig config, LocalTransport socket) throws ConfigException, InterruptedException {
        Clock clock = Clock.systemUTC();
        AtomicBoolean failed = new AtomicBoolean();
        Supervisor supervisor = supervisor(failed, clock);
        ServiceHalf service;
        try {
            service = ServiceHalf.start(config, agentInfo(), socket, Delivery.HEARTBEAT, supervisor, clock);
        } catch (ConfigException e) {
            supervisor.close();
            throw e;
        }
        onShutdown(() -> {
            if (failed.get()) {
                service.stopAfterFailure();
            } else {
                service.stop(STOP_REASON);
            }
            supervisor.close();
        });
        log.info("Vigil device service running; device {}; console {}; session helpers on {}",
                service.deviceId().orElse("(not enrolled yet)"), config.consoleAddress(), socket.describe());
        stopped.await();
        return 0;
    }

    /**
     * The device service started by the Windows service manager (the MSI's ServiceInstall): the manager's stop and
     * shutdown controls stop it cleanly, a fatal failure stops it with exit code 70 for its recovery actions
     * (ADR 0117).
     */
    private int runWindowsService(AgentConfig config, LocalTransport socket) throws ConfigException {
        Clock clock = Clock.systemUTC();
        WindowsService windows = new WindowsService(new JnaServiceControl(), WindowsService.NAME);
        try {
            return windows.run(fatal -> {
                Supervisor supervisor = new Supervisor(fatal, clock);
                ServiceHalf service;
                try {
                    service = ServiceHalf.start(config, agentInfo(), socket,
                            Delivery.HEARTBEAT, supervisor, clock);
                } catch (ConfigException e) {
                    supervisor.close();
                    throw new WindowsService.StartFailed(ExitCodes.CONFIG, e.getMessage());
                }
                // Windows may end the JVM itself at shutdown (CTRL_SHUTDOWN_EVENT): the goodbye goes out either way
                Runtime.getRuntime().addShutdownHook(new Thread(() -> service.stop(STOP_REASON), "vigil-shutdown"));
                log.info("Vigil device service running; device {}; console {}; session helpers on {}",
                        service.deviceId().orElse("(not enrolled yet)"), config.consoleAddress(), socket.describe());
                return new WindowsService.Running() {
                    @Override
                    public void stop() {
                        service.stop(STOP_REASON);
                        supervisor.close();
                    }

                    @Override
                    public void stopAfterFailure() {
                        service.stopAfterFailure();
                        supervisor.close();
                    }
                };
            });
        } catch (WindowsService.NotUnderServiceManager e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** The session helper: the hook, typing and evidence of this desktop session, handing hits to the service. */
    private int runSession(Path dataDir, LocalTransport socket) throws InterruptedException, ConfigException {
        Clock clock = Clock.systemUTC();
        AtomicBoolean failed = new AtomicBoolean();
        Supervisor supervisor = supervisor(failed, clock);
        AgentPolicy policy = AgentPolicy.inMemory();
        HelperHello hello = HelperHello.newBuilder().setHelperVersion(version())
                .setSessionId(env.getOrDefault("XDG_SESSION_ID", env.getOrDefault("DISPLAY",
                        env.getOrDefault("SESSIONNAME", "")))).build();
        LocalSessionClient client = new LocalSessionClient(socket, hello, policy, LOCAL_BACKOFF, supervisor, clock);
        AtomicReference<Session> running = new AtomicReference<>();
        client.start(() -> running.get() == null ? Monitoring.getDefaultInstance() : running.get().monitoring());
        HelperSettings settings = client.settings(SETTINGS_WAIT).orElseGet(() -> {
            log.warn("the device service at {} has not answered in {} s: matching with the built-in settings until"
                    + " it does", socket.describe(), SETTINGS_WAIT.toSeconds());
            return HelperSettings.newBuilder().setContextChars(AgentConfig.DEFAULT_CONTEXT_CHARS).build();
        });
        Desktop desktop = Desktop.of(dataDir.resolve("native"), env, supervisor);
        Session session = new Session(new SessionSettings(settings.getContextChars(), settings.getExcludedAppsList(),
                sessionUser()), policy, client, desktop, supervisor, clock);
        try {
            session.start();
        } catch (HookUnavailableException e) {
            log.error("cannot monitor typing: {}", e.getMessage());
            client.close();
            supervisor.close();
            return ExitCodes.NO_HOOK;
        }
        running.set(session);
        client.monitoringChanged();
        showSignInNotice(client, clock, new TrayNotice(desktop.trayPresent()));
        onShutdown(() -> {
            session.close();
            // a clean stop says goodbye, so the service does not report it as tamper; a failure does not
            if (!failed.get()) {
                client.close();
            }
            supervisor.close();
        });
        log.info("Vigil session helper listening for typed text; device service on {}", socket.describe());
        stopped.await();
        return 0;
    }

    /**
     * The notice the school set (the built-in one if the service has not answered), shown once as this session
     * starts, by the first way that works here, and reported to the service; the tray icon follows changes (ADR 0113).
     */
    private void showSignInNotice(LocalSessionClient client, Clock clock, TrayNotice tray)
            throws InterruptedException {
        SignInNoticeShower shower = new SignInNoticeShower(
                SignInNoticeShower.waysFor(System.getProperty("os.name", ""), env), tray,
                client::noticeShown, System.getProperty("user.name", ""), clock);
        SignInNotice notice = client.notice(SETTINGS_WAIT).orElseGet(() -> SignInNotice.newBuilder()
                .setText(WireNames.DEFAULT_NOTICE_TEXT).build());
        shower.show(notice);
        client.onNoticeChanged(shower::changed);
    }

    private Supervisor supervisor(AtomicBoolean failed, Clock clock) {
        return new Supervisor((worker, cause) -> {
            failed.set(true);
            fatal.failed(worker, cause);
        }, clock);
    }

    private AgentInfo agentInfo() {
        return new AgentInfo(version(), os(), System.getProperty("user.name", ""), hostname());
    }

    /** A clean stop says so, and the console shows it; a failure leaves the device to go silent. */
    private static void closeDevice(DeviceService device, AtomicBoolean failed) {
        if (failed.get()) {
            device.closeAfterFailure();
        } else {
            device.close(STOP_REASON);
        }
    }

    private void onShutdown(Runnable close) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            close.run();
            log.info("Vigil agent stopped");
            stopped.countDown();
        }, "vigil-shutdown"));
    }

    private static String osName() {
        return System.getProperty("os.name", "");
    }

    /**
     * The user the helper names on its hits: the service records its transport's word instead, which on Windows is
     * the token's DOMAIN\\name, so the helper says the same and no mismatch is logged for every hit.
     */
    private String sessionUser() {
        String user = System.getProperty("user.name", "");
        if (osName().toLowerCase(java.util.Locale.ROOT).startsWith("windows") && env.containsKey("USERDOMAIN")) {
            return env.get("USERDOMAIN") + "\\" + env.getOrDefault("USERNAME", user);
        }
        return user;
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
