package org.vigil.console;

import io.grpc.Server;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.vigil.console.auth.AdminBootstrap;
import org.vigil.console.auth.Authenticator;
import org.vigil.console.auth.LoginThrottle;
import org.vigil.console.auth.PasswordHasher;
import org.vigil.console.auth.Sessions;
import org.vigil.console.auth.UserAdministration;
import org.vigil.console.devices.DeviceHealth;
import org.vigil.console.devices.DeviceRevocation;
import org.vigil.console.devices.EnrolmentTokens;
import org.vigil.console.devices.PolicyInForce;
import org.vigil.console.ingest.AgentGatewayService;
import org.vigil.console.ingest.CaptureWriter;
import org.vigil.console.ingest.DeviceAuthInterceptor;
import org.vigil.console.ingest.EventValidator;
import org.vigil.console.ingest.GrpcServerFactory;
import org.vigil.console.ingest.HeartbeatRecorder;
import org.vigil.console.ingest.LiveStreams;
import org.vigil.console.ingest.PolicyPush;
import org.vigil.console.ingest.StreamParts;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.EnrolmentTokenRepository;
import org.vigil.console.store.FileScreenshotStore;
import org.vigil.console.store.UserRepository;
import org.vigil.console.tls.TlsMaterial;
import org.vigil.console.triage.Triage;
import org.vigil.console.store.TriageRepository;
import org.vigil.console.web.AccountRoutes;
import org.vigil.console.web.AuditRoutes;
import org.vigil.console.web.Flash;
import org.vigil.console.web.CaptureRoutes;
import org.vigil.console.web.GroupRoutes;
import org.vigil.console.web.DeviceRoutes;
import org.vigil.console.web.HealthCheck;
import org.vigil.console.web.HistoryRoutes;
import org.vigil.console.web.LiveQueue;
import org.vigil.console.web.LoginRoutes;
import org.vigil.console.web.OverviewRoutes;
import org.vigil.console.web.ProposalRoutes;
import org.vigil.console.web.QueueRoutes;
import org.vigil.console.web.Templates;
import org.vigil.console.web.TokenRoutes;
import org.vigil.console.web.UserRoutes;
import org.vigil.console.web.WebAuth;
import org.vigil.console.web.WebServer;
import org.vigil.console.web.WordlistRoutes;
import org.vigil.console.proposals.ExceptionProposals;
import org.vigil.console.policy.GroupMembership;
import org.vigil.console.policy.Policies;
import org.vigil.console.store.ProposalRepository;
import org.vigil.console.store.PolicyRepository;
import org.vigil.console.policy.PolicyWatch;
import org.vigil.proto.CertificateFingerprint;
import org.vigil.runtime.Fatal;
import org.vigil.runtime.Supervisor;
import org.vigil.wordlists.WordlistBundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running console: the gRPC ingest server and the web UI over one data directory. Wired by plain constructors. */
public final class Console implements AutoCloseable {
    public static final Duration DEFAULT_TOKEN_VALIDITY = Duration.ofDays(30);
    /** How soon a revocation made elsewhere (the CLI) ends a device's live stream. */
    static final Duration REVOCATION_CHECK = Duration.ofSeconds(2);
    /** How soon a policy change made by the {@code wordlists} command reaches this console's agents. */
    static final Duration POLICY_CHECK = Duration.ofSeconds(2);
    /** How often heartbeats are written, all in one transaction. */
    static final Duration HEARTBEAT_WRITES = Duration.ofMillis(200);
    private static final Logger LOG = LoggerFactory.getLogger(Console.class);

    private final ConsoleConfig config;
    private final ConsoleHome home;
    private final TlsMaterial tls;
    private final EnrolmentTokenRepository tokens;
    private final Optional<AdminBootstrap.CreatedAdmin> createdAdmin;
    private final Ingest ingest;
    private final Server grpc;
    private final WebServer web;
    private final LiveQueue liveQueue;
    private final Policies policies;
    private final PolicyWatch policyWatch;
    private final GroupMembership membership;
    private final Supervisor supervisor;

    /** What the devices and tokens pages work on. */
    private record DeviceParts(DeviceRepository devices, EnrolmentTokenRepository tokens, LiveStreams live,
                               GroupMembership membership) {
    }

    /** The ingest side's parts that outlive a call. */
    private record Ingest(DeviceRepository devices, CaptureWriter writer, LiveStreams live,
                          HeartbeatRecorder heartbeats) {
        /** Writes queued heartbeats and stops the checks; the capture writer goes last. */
        void close() {
            heartbeats.close();
            live.close();
            writer.close();
        }
    }

    private Console(ConsoleConfig config, ConsoleHome home, EnrolmentTokenRepository tokens,
                    Optional<AdminBootstrap.CreatedAdmin> createdAdmin, Ingest ingest, Server grpc, WebServer web,
                    LiveQueue liveQueue, Policies policies, PolicyWatch policyWatch, GroupMembership membership,
                    Supervisor supervisor) {
        this.supervisor = supervisor;
        this.policies = policies;
        this.membership = membership;
        this.policyWatch = policyWatch;
        this.config = config;
        this.home = home;
        this.tls = home.tls();
        this.tokens = tokens;
        this.createdAdmin = createdAdmin;
        this.ingest = ingest;
        this.grpc = grpc;
        this.web = web;
        this.liveQueue = liveQueue;
    }

    /**
     * Prepares the data directory (database, CA, first admin; a new console if it holds none) and starts both
     * servers. Returns when they listen. A background worker that fails with a JVM error ends the process with
     * {@link Fatal#EXIT_CODE}, for its service manager to start it again.
     *
     * @throws IOException if a port cannot be bound or a file cannot be written
     */
    public static Console start(ConsoleConfig config) throws IOException {
        return start(config, Fatal.exitProcess());
    }

    /** As {@link #start(ConsoleConfig)}, with what to do when a background worker fails with a JVM error. */
    public static Console start(ConsoleConfig config, Fatal fatal) throws IOException {
        Clock clock = Clock.systemUTC();
        Supervisor supervisor = new Supervisor(fatal, clock);
        ConsoleHome home = ConsoleHome.openOrCreate(config.dataDir());
        try {
            return start(config, clock, supervisor, home);
        } catch (IOException | RuntimeException e) {
            supervisor.close();
            home.close();
            throw e;
        }
    }

    private static Console start(ConsoleConfig config, Clock clock, Supervisor supervisor, ConsoleHome home)
            throws IOException {
        FileScreenshotStore screenshots = new FileScreenshotStore(config.dataDir().resolve("screenshots"));
        UserRepository users = new UserRepository(home.database(), clock);
        EnrolmentTokenRepository tokens = new EnrolmentTokenRepository(home.database(), clock);
        DeviceRepository devices = new DeviceRepository(home.database(), clock);
        CaptureRepository captures = new CaptureRepository(home.database(), screenshots, clock);
        AuditLog audit = new AuditLog(home.database(), clock);
        Policies policies = new Policies(new PolicyRepository(home.database(), clock), audit, home.database());
        policies.seedIfEmpty(WordlistBundle.defaults());
        PasswordHasher hasher = new PasswordHasher();

        Optional<AdminBootstrap.CreatedAdmin> admin = home.database().inTransaction(() -> {
            Optional<AdminBootstrap.CreatedAdmin> created =
                    new AdminBootstrap(users, hasher).createIfNoUsers(config.adminPassword());
            created.ifPresent(a -> audit.record("console", "user.create", "user:" + a.username()));
            return created;
        });

        LiveStreams live = new LiveStreams(devices, REVOCATION_CHECK, supervisor);
        Ingest ingest = new Ingest(devices, new CaptureWriter(captures, supervisor), live,
                new HeartbeatRecorder(devices, live, HEARTBEAT_WRITES, supervisor));
        PolicyPush push = new PolicyPush(ingest.live(), devices, policies.current().bundle());
        policies.addListener((version, bundle) -> push.publish(bundle));
        GroupMembership membership = new GroupMembership(devices, policies, audit, push::reconcile,
                home.database());
        GrpcServerFactory grpcFactory = new GrpcServerFactory(
                new AgentGatewayService(tokens, new StreamParts(devices, ingest.writer(), new EventValidator(clock),
                        ingest.live(), push, ingest.heartbeats())),
                new DeviceAuthInterceptor(devices));
        Server grpc = grpcFactory.build(GrpcServerFactory.tlsBuilder(
                new InetSocketAddress(InetAddress.getByName(config.bindAddress()), config.grpcPort()), home.tls()));
        try {
            grpc.start();
        } catch (IOException e) {
            ingest.close();
            throw e;
        }
        Sessions sessions = new Sessions(clock);
        Templates templates = new Templates();
        WebAuth webAuth = new WebAuth(sessions, templates, audit);
        LiveQueue liveQueue = new LiveQueue(captures, sessions, webAuth, supervisor);
        captures.addListener(liveQueue);
        WebServer web;
        try {
            web = startWeb(config, clock, users, captures, screenshots, audit, hasher, home, sessions, templates,
                    webAuth, liveQueue, policies, new DeviceParts(devices, tokens, ingest.live(), membership),
                    new HealthCheck(supervisor::health));
        } catch (RuntimeException e) {
            grpc.shutdownNow();
            ingest.close();
            liveQueue.close();
            throw new IOException("cannot start the web server on " + config.bindAddress() + ":" + config.httpPort()
                    + ": " + e.getMessage(), e);
        }
        Console console = new Console(config, home, tokens, admin, ingest, grpc, web, liveQueue,
                policies, new PolicyWatch(policies, POLICY_CHECK, push::reconcile, supervisor), membership, supervisor);
        try {
            PortsFile.write(config.dataDir(), console.httpPort(), console.grpcPort());
        } catch (IOException e) {
            console.close();
            throw e;
        }
        LOG.info("Console listening: web {}, agents {}", console.httpUrl(), console.grpcAddress());
        return console;
    }

    private static WebServer startWeb(ConsoleConfig config, Clock clock, UserRepository users,
                                      CaptureRepository captures, FileScreenshotStore screenshots, AuditLog audit,
                                      PasswordHasher hasher, ConsoleHome home, Sessions sessions,
                                      Templates templates, WebAuth webAuth, LiveQueue liveQueue,
                                      Policies policies, DeviceParts deviceParts, HealthCheck healthCheck) {
        Authenticator authenticator = new Authenticator(users, hasher, sessions, new LoginThrottle(clock));
        UserAdministration administration = new UserAdministration(users, hasher, sessions, audit, home.database());
        TriageRepository triageStore = new TriageRepository(home.database(), clock);
        Triage triage = new Triage(triageStore, users, audit, home.database());
        Flash flash = new Flash();
        ExceptionProposals proposals = new ExceptionProposals(new ProposalRepository(home.database(), clock), policies,
                audit, home.database());
        PolicyInForce expectedPolicy = new PolicyInForce(policies.current().bundle());
        policies.addListener(expectedPolicy);
        DeviceHealth deviceHealth = new DeviceHealth(config.silentAfter(), expectedPolicy);
        DeviceRevocation revocation = new DeviceRevocation(deviceParts.devices(), audit, deviceParts.live()::revoked,
                home.database());
        return WebServer.start(config.bindAddress(), config.httpPort(), List.of(
                healthCheck::register,
                new LoginRoutes(authenticator, webAuth, templates, audit)::register,
                new AccountRoutes(administration, webAuth, templates)::register,
                new UserRoutes(administration, webAuth, templates)::register,
                new QueueRoutes(triageStore, triage, webAuth, templates, flash)::register,
                new CaptureRoutes(captures, screenshots, triageStore, triage, users, audit, webAuth, templates,
                        flash, proposals)::register,
                new HistoryRoutes(triageStore, audit, webAuth, templates, clock)::register,
                new OverviewRoutes(triageStore, webAuth, templates, clock)::register,
                new AuditRoutes(audit, webAuth, templates)::register,
                new WordlistRoutes(policies, webAuth, templates)::register,
                new GroupRoutes(policies, deviceParts.membership(), deviceParts.devices(), webAuth, templates)::register,
                new ProposalRoutes(proposals, webAuth, templates, flash)::register,
                new DeviceRoutes(deviceParts.devices(), deviceHealth, revocation, deviceParts.membership(),
                        policies::groups, audit, webAuth, templates, flash, clock)::register,
                new TokenRoutes(new EnrolmentTokens(deviceParts.tokens(), audit, clock, home.database()), policies::groups, webAuth,
                        templates, flash)::register,
                liveQueue::register));
    }

    public int httpPort() {
        return web.port();
    }

    public int grpcPort() {
        return grpc.getPort();
    }

    /** The web UI's address as reachable from this machine, e.g. {@code http://127.0.0.1:8080/}. */
    public String httpUrl() {
        return "http://" + hostForUrl(localHost()) + ":" + httpPort() + "/";
    }

    /** The gRPC address as reachable from this machine, {@code host:port}. */
    public String grpcAddress() {
        return hostForUrl(localHost()) + ":" + grpcPort();
    }

    public CertificateFingerprint caFingerprint() {
        return tls.caFingerprint();
    }

    public X509Certificate caCertificate() {
        return tls.caCertificate();
    }

    /** Whether this start made a new console: the data directory held no console database. */
    public boolean createdNow() {
        return home.created();
    }

    /** Whether this start made a new CA (the data directory was new). */
    public boolean caCreatedNow() {
        return tls.caCreatedNow();
    }

    public Path dataDir() {
        return config.dataDir();
    }

    public ConsoleConfig config() {
        return config;
    }

    /** The admin this start created, if the console had no users; its password if the console generated it. */
    public Optional<AdminBootstrap.CreatedAdmin> createdAdmin() {
        return createdAdmin;
    }

    /** A fresh enrolment token valid for 30 days. */
    public String mintEnrolmentToken() {
        return mintEnrolmentToken(DEFAULT_TOKEN_VALIDITY);
    }

    public String mintEnrolmentToken(Duration validity) {
        return tokens.mint(validity, "minted programmatically");
    }

    /** Revokes a device: refused from now on, and its live streams end at once with UNAUTHENTICATED. */
    public boolean revokeDevice(String deviceId) {
        boolean revoked = ingest.devices().revoke(deviceId);
        ingest.live().revoked(deviceId);
        return revoked;
    }

    /** Which group each device is in; a move is pushed to the device at once. */
    public GroupMembership groups() {
        return membership;
    }

    /** The wordlist policy: versions, edits, restores; a change is pushed to every connected agent. */
    public Policies policies() {
        return policies;
    }

    /** How many device streams are open now. */
    public int liveStreams() {
        return ingest.live().count();
    }

    /** Stops both servers and closes the database; the data stays. */
    @Override
    public void close() {
        policyWatch.close();
        web.close();
        liveQueue.close();
        grpc.shutdown();
        try {
            if (!grpc.awaitTermination(5, TimeUnit.SECONDS)) {
                grpc.shutdownNow();
            }
        } catch (InterruptedException e) {
            grpc.shutdownNow();
            Thread.currentThread().interrupt();
        }
        ingest.close();
        supervisor.close();
        home.close();
        LOG.info("Console stopped");
    }

    /** The bind address itself, or loopback when the console listens on every interface. */
    private String localHost() {
        String bind = config.bindAddress();
        try {
            InetAddress address = InetAddress.getByName(bind);
            if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
                return "127.0.0.1";
            }
        } catch (UnknownHostException e) {
            // a name that does not resolve here: show it as given
        }
        return bind;
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }
}
