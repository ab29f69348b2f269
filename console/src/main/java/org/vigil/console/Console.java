package org.vigil.console;

import io.grpc.Server;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vigil.console.alerts.AlertClaimant;
import org.vigil.console.alerts.AlertEmail;
import org.vigil.console.alerts.AlertSender;
import org.vigil.console.alerts.MailSettings;
import org.vigil.console.alerts.ScheduledAlerts;
import org.vigil.console.alerts.SchoolAlerts;
import org.vigil.console.alerts.digest.MorningDigest;
import org.vigil.console.alerts.escalation.Escalation;
import org.vigil.console.alerts.SmtpUrl;
import org.vigil.console.alerts.ConfiguredMail;
import org.vigil.console.alerts.LiveEmailDelivery;
import org.vigil.console.alerts.MailServerSettings;
import org.vigil.console.alerts.SmtpMailTransport;
import org.vigil.console.alerts.TestEmail;
import org.vigil.console.alerts.UndeliveredAlerts;
import org.vigil.console.alerts.WebhookMessage;
import org.vigil.console.alerts.WebhookSettings;
import org.vigil.console.alerts.WebhookTransport;
import org.vigil.console.alerts.it.ItAlertCheck;
import org.vigil.console.alerts.it.ItAlertEmail;
import org.vigil.console.auth.AdminBootstrap;
import org.vigil.console.auth.Authenticator;
import org.vigil.console.auth.HashingGate;
import org.vigil.console.auth.LoginThrottle;
import org.vigil.console.cluster.ClusterBus;
import org.vigil.console.cluster.ClusterBuses;
import org.vigil.console.cluster.ClusterMessage;
import org.vigil.console.devices.DeviceHealth;
import org.vigil.console.export.CaseExport;
import org.vigil.console.ingest.AgentGatewayService;
import org.vigil.console.ingest.CaptureWriter;
import org.vigil.console.ingest.EnrolmentThrottle;
import org.vigil.console.ingest.EventValidator;
import org.vigil.console.ingest.GrpcExecutors;
import org.vigil.console.ingest.GrpcServerFactory;
import org.vigil.console.ingest.HeartbeatRecorder;
import org.vigil.console.ingest.LiveStreams;
import org.vigil.console.ingest.PolicyPush;
import org.vigil.console.ingest.SignInNotices;
import org.vigil.console.ingest.StreamAllowance;
import org.vigil.console.ingest.StreamOwnership;
import org.vigil.console.ingest.StreamParts;
import org.vigil.console.policy.GroupMembership;
import org.vigil.console.policy.Policies;
import org.vigil.console.policy.PolicyWatch;
import org.vigil.console.pupils.LdapSyncSettings;
import org.vigil.console.pupils.ScheduledDirectorySync;
import org.vigil.console.reports.Reports;
import org.vigil.console.reports.TermDates;
import org.vigil.console.retention.DailyRetention;
import org.vigil.console.settings.Setting;
import org.vigil.console.store.ReportRepository;
import org.vigil.console.store.AlertChannel;
import org.vigil.console.store.DeviceStreamRepository;
import org.vigil.console.edge.WebPort;
import org.vigil.console.edge.WebTransport;
import org.vigil.console.tls.ConsoleTls;
import org.vigil.console.store.NoticeShownRepository;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.tls.TlsMaterial;
import org.vigil.console.tls.WebKeys;
import org.vigil.console.web.AccountRoutes;
import org.vigil.console.web.AlertRulesRoutes;
import org.vigil.console.web.AuditRoutes;
import org.vigil.console.web.CaptureRoutes;
import org.vigil.console.web.CaseExportRoutes;
import org.vigil.console.web.ConsoleWidePages;
import org.vigil.console.web.DeviceRoutes;
import org.vigil.console.web.Flash;
import org.vigil.console.web.GroupRoutes;
import org.vigil.console.web.FrontDoor;
import org.vigil.console.web.HealthCheck;
import org.vigil.console.web.HistoryRoutes;
import org.vigil.console.web.SubjectAccessRoutes;
import org.vigil.console.web.IncidentRoutes;
import org.vigil.console.web.LiveQueue;
import org.vigil.console.web.LoginRoutes;
import org.vigil.console.web.OverviewRoutes;
import org.vigil.console.web.ReportRoutes;
import org.vigil.console.web.ReportScope;
import org.vigil.console.web.PrivacyRoutes;
import org.vigil.console.web.ProposalRoutes;
import org.vigil.console.web.PupilRoutes;
import org.vigil.console.web.OutOfScope;
import org.vigil.console.web.QueueRoutes;
import org.vigil.console.web.RequestScope;
import org.vigil.console.web.SchoolChoice;
import org.vigil.console.web.SchoolListsRoutes;
import org.vigil.console.web.SchoolRoutes;
import org.vigil.console.web.SettingsRoutes;
import org.vigil.console.web.Templates;
import org.vigil.console.web.TokenRoutes;
import org.vigil.console.web.TwoFactorRoutes;
import org.vigil.console.web.UserRoutes;
import org.vigil.console.web.WebAuth;
import org.vigil.console.web.WebServer;
import org.vigil.console.web.WordlistRoutes;
import org.vigil.proto.CertificateFingerprint;
import org.vigil.runtime.Fatal;
import org.vigil.runtime.SerialExecutor;
import org.vigil.runtime.Supervisor;

/**
 * A running console: the gRPC ingest server and the web UI over the {@link ConsoleServices} of one data directory.
 * Wired by plain constructors; the commands use the same services without the servers.
 */
public final class Console implements AutoCloseable {
    public static final int DEFAULT_TOKEN_DAYS = 30;
    /** How soon a revocation made elsewhere (the CLI) ends a device's live stream. */
    static final Duration REVOCATION_CHECK = Duration.ofSeconds(2);
    /** How soon a policy change made by the {@code wordlists} command reaches this console's agents. */
    static final Duration POLICY_CHECK = Duration.ofSeconds(2);
    /** How often heartbeats are written, all in one transaction. */
    static final Duration HEARTBEAT_WRITES = Duration.ofMillis(200);
    /** How often the morning digest and escalation look for what is due. */
    static final Duration ALERT_CHECKS = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(Console.class);

    private final ConsoleConfig config;
    private final ConsoleServices services;
    private final Optional<AdminBootstrap.CreatedAdmin> createdAdmin;
    private final Ingest ingest;
    private final Server grpc;
    private final WebServer web;
    private final LiveQueue liveQueue;
    private final PolicyWatch policyWatch;
    private final List<AlertSender> alertSenders;
    private final List<ScheduledAlerts> alertChecks;
    private final Supervisor supervisor;

    /**
     * The ingest side's parts that outlive a call, and the bus to the other console instances on the same database
     * (ADR 0172), which ingest's stream ownership and the live queue share.
     */
    private record Ingest(CaptureWriter writer, LiveStreams live, HeartbeatRecorder heartbeats, PolicyPush push,
                          SignInNotices notices, ClusterBus bus, Optional<StreamOwnership> ownership) {
        /** Writes queued heartbeats and stops the checks; the capture writer goes last, then the bus. */
        void close() {
            heartbeats.close();
            ownership.ifPresent(StreamOwnership::close);
            live.close();
            writer.close();
            bus.close();
        }
    }

    private Console(ConsoleConfig config, ConsoleServices services, Optional<AdminBootstrap.CreatedAdmin> createdAdmin,
                    Ingest ingest, Server grpc, WebServer web, LiveQueue liveQueue, PolicyWatch policyWatch,
                    List<AlertSender> alertSenders, List<ScheduledAlerts> alertChecks, Supervisor supervisor) {
        this.config = config;
        this.services = services;
        this.createdAdmin = createdAdmin;
        this.ingest = ingest;
        this.grpc = grpc;
        this.web = web;
        this.liveQueue = liveQueue;
        this.policyWatch = policyWatch;
        this.alertSenders = alertSenders;
        this.alertChecks = alertChecks;
        this.supervisor = supervisor;
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
        return start(config, fatal, WebTimings.defaults(), AlertSender.Timing.DEFAULT);
    }

    /** As {@link #start(ConsoleConfig, Fatal)}, with the web side's timeouts (tests shorten them). */
    public static Console start(ConsoleConfig config, Fatal fatal, WebTimings timings) throws IOException {
        return start(config, fatal, timings, AlertSender.Timing.DEFAULT);
    }

    /** As {@link #start(ConsoleConfig, Fatal)}, with the alert senders' interval and backoff (tests shorten them). */
    static Console start(ConsoleConfig config, Fatal fatal, AlertSender.Timing alertTiming) throws IOException {
        return start(config, fatal, WebTimings.defaults(), alertTiming);
    }

    /** As {@link #start(ConsoleConfig, Fatal)}, with the threads agents' calls run on (a test holds one back). */
    static Console start(ConsoleConfig config, Fatal fatal, GrpcExecutors executors) throws IOException {
        return start(config, fatal, WebTimings.defaults(), AlertSender.Timing.DEFAULT, executors);
    }

    private static Console start(ConsoleConfig config, Fatal fatal, WebTimings timings,
                                 AlertSender.Timing alertTiming) throws IOException {
        return start(config, fatal, timings, alertTiming, GrpcExecutors.bounded());
    }

    private static Console start(ConsoleConfig config, Fatal fatal, WebTimings timings,
                                 AlertSender.Timing alertTiming, GrpcExecutors executors) throws IOException {
        Clock clock = Clock.systemUTC();
        Supervisor supervisor = new Supervisor(fatal, clock);
        ConsoleServices services = ConsoleServices.over(ConsoleHome.openOrCreate(config.dataDir(), config.database()), clock,
                timings.sessions(), config.webhook().isPresent());
        try {
            return start(config, services, supervisor, timings, alertTiming, executors);
        } catch (IOException | RuntimeException e) {
            supervisor.close();
            services.close();
            throw e;
        }
    }

    private static Console start(ConsoleConfig config, ConsoleServices services, Supervisor supervisor,
                                 WebTimings timings, AlertSender.Timing alertTiming, GrpcExecutors executors)
            throws IOException {
        // read before anything starts: a wrong pupil-sync.properties stops the start with its message, rather than
        // fail quietly at each run
        Optional<LdapSyncSettings> directorySync = services.directorySync(System.getenv()).settings();
        Optional<AdminBootstrap.CreatedAdmin> admin = services.transactions().inTransaction(() -> {
            Optional<AdminBootstrap.CreatedAdmin> created =
                    new AdminBootstrap(services.users(), services.hasher(), services.passwordRules()).createIfNoUsers(config.adminPassword());
            created.ifPresent(a -> services.audit().record("console", "user.create", "user:" + a.username()));
            return created;
        });
        Ingest ingest = startIngest(services, supervisor, ClusterBuses.forDatabase(config.database(), supervisor));
        ClusterBus bus = ingest.bus();
        GrpcServerFactory grpcFactory = new GrpcServerFactory(
                new AgentGatewayService(services.tokenRepository(), new StreamParts(services.devices(),
                        ingest.writer(), EventValidator.forPolicies(services.clock(), services.policies()), ingest.live(), ingest.push(),
                        ingest.heartbeats(), ingest.notices())),
                services.devices(), new EnrolmentThrottle(services.clock()), new StreamAllowance(services.clock()),
                executors);
        Server grpc = grpcFactory.build(grpcFactory.tlsBuilder(new InetSocketAddress(
                InetAddress.getByName(config.bindAddress()), config.grpcPort()), services.home().tls()));
        try {
            grpc.start();
        } catch (IOException e) {
            ingest.close();
            throw PortInUse.orAsIs(e, "the agents' port", config.bindAddress(), config.grpcPort(), "--grpc-port");
        }
        Templates templates = new Templates();
        WebAuth webAuth = new WebAuth(services.sessions(), services.twoFactor(), templates, services.audit());
        LiveQueue liveQueue = new LiveQueue(services.captures(), services.directory()::forLogin, services.sessions(),
                webAuth, supervisor,
                new LiveQueue.Timing(timings.streamCheck(), timings.keepAlive()),
                new RequestScope(services.schoolRepository(), new OutOfScope(services.audit(), webAuth)));
        services.captures().addListener(liveQueue);
        if (bus.clustered()) {
            // another instance's capture reaches this one's live queues, which read it by id (ADR 0172)
            services.captures().addListener(captureId -> bus.publish(new ClusterMessage.CaptureStored(captureId)));
            bus.subscribe(ClusterMessage.CaptureStored.class, stored -> liveQueue.stored(stored.captureId()));
            // what the others stored while this instance was not listening is read from the database (ADR 0201)
            bus.onListeningAgain(liveQueue::catchUpAfterBusGap);
        }
        WebServer web;
        LoginThrottle signInThrottle = new LoginThrottle(services.clock());
        try {
            web = WebServer.start(new WebPort(config.bindAddress(), config.httpPort(), config.edge(),
                            webKeys(config)), new FrontDoor.Checks(token -> services.sessions().peek(token).isPresent(),
                            signInThrottle::addressLockedOut), services.clock(),
                    routes(config, services, templates, webAuth, liveQueue, new HealthCheck(supervisor::health),
                            signInThrottle));
        } catch (IllegalArgumentException e) {
            grpc.shutdownNow();
            ingest.close();
            liveQueue.close();
            throw e;
        } catch (RuntimeException e) {
            grpc.shutdownNow();
            ingest.close();
            liveQueue.close();
            throw PortInUse.orAsIs(new IOException("cannot start the web server on " + config.bindAddress() + ":"
                    + config.httpPort() + ": " + e.getMessage(), e), "the web port", config.bindAddress(),
                    config.httpPort(), "--http-port");
        }
        List<AlertSender> alertSenders;
        URI consoleUrl = config.publicUrl().orElse(URI.create(httpUrl(config, web.port())));
        try {
            alertSenders = startAlerts(config, services, supervisor, consoleUrl, alertTiming,
                    new AlertClaimant(bus.instanceId(), !bus.clustered()));
        } catch (RuntimeException e) {
            web.close();
            grpc.shutdownNow();
            ingest.close();
            liveQueue.close();
            throw e;
        }
        DailyRetention.start(services.retention(), supervisor);
        directorySync.ifPresent(settings -> ScheduledDirectorySync.start(services.directorySync(System.getenv()),
                settings, supervisor, ScheduledDirectorySync.FIRST_RUN));
        PolicyWatch policyWatch = new PolicyWatch(services.policies(), POLICY_CHECK, () -> {
            services.policyInForce().refresh();
            ingest.push().reconcile();
        }, supervisor);
        // a publish or a group move on another instance is looked for now, not at the next check
        bus.subscribe(ClusterMessage.PolicyChanged.class, changed -> policyWatch.checkNow());
        Console console = new Console(config, services, admin, ingest, grpc, web, liveQueue, policyWatch,
                alertSenders, startAlertChecks(config, services, supervisor, consoleUrl, alertSenders), supervisor);
        try {
            PortsFile.write(config.dataDir(), console.httpPort(), console.grpcPort());
        } catch (IOException e) {
            console.close();
            throw e;
        }
        LOG.info("Console listening: web {}, agents {}", console.httpUrl(), console.grpcAddress());
        if (bus.clustered()) {
            LOG.info("Console instance {} on the shared database {}: policy, revocations, live queues, alerts and"
                    + " device streams are shared with the other instances", bus.instanceId(),
                    config.database().describe(config.dataDir()));
        }
        if (config.edge().transport().plainHttp()) {
            LOG.warn("The web UI serves plain HTTP (--http-plain): passwords and captures cross the network"
                    + " unencrypted unless a proxy in front of it does TLS");
        }
        return console;
    }

    /**
     * The web port's key and certificate: none for plain HTTP; the school's PEM files when given; else one the
     * console CA issues for this machine, the bind address, the public URL's host and the names asked for.
     */
    private static Optional<WebKeys> webKeys(ConsoleConfig config) {
        WebTransport transport = config.edge().transport();
        if (transport.plainHttp()) {
            return Optional.empty();
        }
        if (transport.schoolCertificate().isPresent()) {
            WebTransport.SchoolCertificate school = transport.schoolCertificate().get();
            return Optional.of(WebKeys.fromSchoolPem(school.certificate(), school.key()));
        }
        List<String> names = new ArrayList<>(transport.names());
        config.publicUrl().map(URI::getHost).map(host -> host.replaceAll("^\\[|]$", "")).ifPresent(names::add);
        String bind = config.bindAddress();
        if (!bind.equals(ConsoleConfig.DEFAULT_BIND_ADDRESS) && !bind.equals("::") && !bind.equals("127.0.0.1")) {
            names.add(bind);
        }
        return Optional.of(WebKeys.fromConsoleCa(new ConsoleTls(config.dataDir().resolve("tls")), names));
    }

    /**
     * The live half of ingest, connected to the services it must hear from (publishes, moves and revocations), here
     * and, through the bus, on the other instances.
     */
    private static Ingest startIngest(ConsoleServices services, Supervisor supervisor, ClusterBus bus) {
        LiveStreams live = new LiveStreams(services.devices(), REVOCATION_CHECK, supervisor);
        PolicyPush push = new PolicyPush(live, services.devices(), services.schoolPolicies());
        services.policies().addListener((version, bundle) -> push.publish());
        services.schoolPolicies().onChange(push::publish);
        services.membership().onMoved(push::reconcile);
        services.revocation().onRevoked(live::revoked);
        Optional<StreamOwnership> ownership = Optional.empty();
        if (bus.clustered()) {
            services.policies().addListener((version, bundle) -> bus.publish(new ClusterMessage.PolicyChanged()));
            services.membership().onMoved(() -> bus.publish(new ClusterMessage.PolicyChanged()));
            services.schoolPolicies().onChange(() -> bus.publish(new ClusterMessage.PolicyChanged()));
            services.revocation().onRevoked(deviceId -> bus.publish(new ClusterMessage.DeviceRevoked(deviceId)));
            bus.subscribe(ClusterMessage.DeviceRevoked.class, revoked -> live.revoked(revoked.deviceId()));
            // a school's notice changed on another instance reaches that school's devices here at once (ADR 0207),
            // read and pushed on a thread of its own, never the bus's
            services.settings().onCommittedHere(school -> bus.publish(new ClusterMessage.SettingsChanged(school)));
            SerialExecutor settingsElsewhere = supervisor.executor("vigil-settings-elsewhere");
            bus.subscribe(ClusterMessage.SettingsChanged.class, changed -> settingsElsewhere.execute(
                    () -> services.settings().changedElsewhere(changed.school())));
            ownership = Optional.of(new StreamOwnership(live, new DeviceStreamRepository(services.home().database(),
                    services.clock()), bus, supervisor));
        }
        return new Ingest(new CaptureWriter(services.captures(), supervisor), live,
                new HeartbeatRecorder(services.devices(), live, HEARTBEAT_WRITES, supervisor), push,
                SignInNotices.over(services.settings(), services.schoolRepository(),
                        new NoticeShownRepository(services.home().database(), services.clock()), live), bus, ownership);
    }

    /**
     * The email sender, always (it uses the mail server in force each round, from the environment or the settings
     * page, and tries nothing while there is none), and the webhook's when one is configured; each woken by every
     * commit that queues alerts. A change of the school's settings makes waiting emails due at once.
     */
    private static List<AlertSender> startAlerts(ConsoleConfig config, ConsoleServices services,
                                                 Supervisor supervisor, URI consoleUrl, AlertSender.Timing timing,
                                                 AlertClaimant claimant) {
        List<AlertSender> senders = new ArrayList<>();
        Supplier<AlertEmail> composer = () -> AlertEmail.forSchool(consoleUrl, services.settings().current());
        try {
            ConfiguredMail mail = configuredMail(config, services);
            if (mail.current().isEmpty()) {
                LOG.warn("No mail server configured (the settings page, or {} and {}): alert emails wait in the"
                        + " outbox until one is", SmtpUrl.ENV, MailSettings.FROM_ENV);
            }
            AlertSender email = new AlertSender(services.alertRepository(), AlertChannel.EMAIL,
                    new LiveEmailDelivery(mail, composer,
                            settings -> new SmtpMailTransport(settings, SmtpMailTransport.TIMEOUT, services.clock())),
                    services.clock(), List.of(), timing, supervisor, claimant);
            senders.add(email);
            services.settings().onChange(email::retryNow);
            LOG.info("Links in alerts point at {}", consoleUrl);
            if (config.webhook().isPresent()) {
                WebhookSettings webhook = config.webhook().get();
                WebhookMessage message = new WebhookMessage(composer, webhook.format());
                WebhookTransport transport = new WebhookTransport(webhook, message, WebhookTransport.TIMEOUT);
                senders.add(new AlertSender(services.alertRepository(), AlertChannel.WEBHOOK, transport,
                        services.clock(), transport.secrets(), timing, supervisor, claimant));
                LOG.info("Alert webhooks go to {}", webhook);
            }
        } catch (RuntimeException e) {
            senders.forEach(AlertSender::close);
            throw e;
        }
        senders.forEach(sender -> services.alertOutbox().onQueued(sender::wake));
        return List.copyOf(senders);
    }

    /** The mail server in force: the environment's, else the one set on the settings page. */
    private static ConfiguredMail configuredMail(ConsoleConfig config, ConsoleServices services) {
        return new ConfiguredMail(config.mail(), services.settings()::current);
    }

    /**
     * The checks that queue alerts on a schedule, each waking the senders when it queued some: the morning digest
     * and escalation every {@link #ALERT_CHECKS}, the IT check every minute (first after a minute, so agents have
     * reconnected to a console that has just started before any looks silent).
     */
    private static List<ScheduledAlerts> startAlertChecks(ConsoleConfig config, ConsoleServices services,
                                                          Supervisor supervisor, URI consoleUrl,
                                                          List<AlertSender> senders) {
        SchoolAlerts school = services.schoolAlerts();
        Runnable wake = () -> senders.forEach(AlertSender::wake);
        MorningDigest digest = new MorningDigest(school.books(), school.recipients(), school.digestCaptures(),
                services.alertRepository(), consoleUrl, services.clock());
        Escalation escalation = new Escalation(school.books(), school.recipients(), school.openings(),
                services.alertRepository(), config.webhook().isPresent(), services.clock());
        ItAlertCheck itCheck = new ItAlertCheck(services.devices(), services.policyInForce(), services.settings(),
                services.deviceProblems(), services.alertRepository(), services.transactions(),
                new ItAlertEmail(consoleUrl), services.clock());
        return List.of(
                new ScheduledAlerts("vigil-alert-digest", digest::runOnce, Duration.ofSeconds(1), ALERT_CHECKS, wake,
                        supervisor),
                new ScheduledAlerts("vigil-alert-escalation", escalation::runOnce, Duration.ofSeconds(1),
                        ALERT_CHECKS, wake, supervisor),
                new ScheduledAlerts("vigil-it-alerts", itCheck::run, ItAlertCheck.PERIOD, ItAlertCheck.PERIOD, wake,
                        supervisor));
    }

    private static List<WebServer.RouteGroup> routes(ConsoleConfig config, ConsoleServices services,
                                                     Templates templates, WebAuth webAuth, LiveQueue liveQueue,
                                                     HealthCheck healthCheck, LoginThrottle signInThrottle) {
        Clock clock = services.clock();
        Flash flash = new Flash();
        Policies policies = services.policies();
        DeviceHealth deviceHealth = new DeviceHealth(config.silentAfter(), services.policyInForce());
        Reports reports = new Reports(new ReportRepository(services.home().database()),
                () -> TermDates.parse(services.settings().values().get(Setting.TERM_STARTS)), clock);
        SchoolRepository schools = services.schoolRepository();
        OutOfScope outOfScope = new OutOfScope(services.audit(), webAuth);
        ReportScope reportScope = new ReportScope(schools, new RequestScope(schools, outOfScope),
                () -> services.settings().values().get(Setting.SCHOOL_NAME), webAuth);
        return List.of(
                new ConsoleWidePages(webAuth, services.audit())::register,
                healthCheck::register,
                new LoginRoutes(new Authenticator(services.users(), services.hasher(), services.sessions(),
                        signInThrottle, HashingGate.defaults()), webAuth, templates, services.audit())::register,
                new AccountRoutes(services.administration(), webAuth, templates)::register,
                new TwoFactorRoutes(services.twoFactor(), webAuth, templates)::register,
                new UserRoutes(services.administration(), webAuth, templates, services.schools())::register,
                new QueueRoutes(services.triageRepository(), services.triage(), webAuth, templates, flash,
                        services.incidents(), services.audit(), services.directory(), schools, outOfScope)::register,
                new IncidentRoutes(services.incidents(), services.audit(), webAuth, templates, flash, schools,
                        outOfScope)::register,
                new PrivacyRoutes(services.settings(), services.policies(), templates)::register,
                new CaseExportRoutes(new CaseExport(services.captures(), services.triageRepository(),
                        services.triage(), services.incidents(), services.screenshots(), services.audit(),
                        services.transactions(), services.directory()),
                        services.captures(), services.triage(), webAuth, schools, outOfScope,
                        services.incidents())::register,
                new CaptureRoutes(services.captures(), services.screenshots(), services.triageRepository(),
                        services.triage(), services.users(), services.audit(), webAuth, templates, flash,
                        services.proposals(), services.incidents(), services.schoolAlerts().views(),
                        services.holds(), services.deletion(),
                        services.directory(), schools)::register,
                new HistoryRoutes(services.triageRepository(), services.audit(), webAuth, templates, clock,
                        services.directory(), schools, outOfScope)::register,
                new SubjectAccessRoutes(services.subjectAccess(), webAuth, schools, outOfScope)::register,
                new PupilRoutes(services.directory(), services.schools(), new RequestScope(schools, outOfScope),
                        services.audit(), webAuth, templates, flash)::register,
                new OverviewRoutes(reports, reportScope,
                        new UndeliveredAlerts(services.alertRepository(), configuredMail(config, services),
                                () -> config.webhook().isPresent()), webAuth, templates, clock)::register,
                new SettingsRoutes(services.settings(),
                        new MailServerSettings(config.mail(), services.settings(), services.transactions()),
                        new TestEmail(configuredMail(config, services), services.users(), services.audit(), clock,
                                SmtpMailTransport.TIMEOUT),
                        new SchoolChoice(services.schoolRepository(), outOfScope), webAuth, templates, flash)::register,
                new ReportRoutes(reports, reportScope, services.audit(), webAuth, templates)::register,
                new AuditRoutes(services.audit(), webAuth, templates)::register,
                new WordlistRoutes(policies, webAuth, templates)::register,
                new GroupRoutes(policies, services.membership(), services.devices(),
                        services.policyInForce(), webAuth, templates)::register,
                new ProposalRoutes(services.proposals(), webAuth, templates, flash, outOfScope)::register,
                new SchoolListsRoutes(services.schoolPolicies(), services.schools(),
                        new RequestScope(schools, outOfScope), webAuth, templates, flash)::register,
                new DeviceRoutes(services.devices(), deviceHealth, services.revocation(), services.membership(),
                        policies::groups, services.audit(), webAuth, templates, flash, clock,
                        new NoticeShownRepository(services.home().database(), clock)::latestPerDevice,
                        new UndeliveredAlerts(services.alertRepository(), configuredMail(config, services),
                                () -> config.webhook().isPresent()), schools, outOfScope,
                        services.schoolMoves())::register,
                new TokenRoutes(services.enrolmentTokens(), services.schoolPolicies()::groups, webAuth, templates, flash,
                        services.schools(), outOfScope)::register,
                new SchoolRoutes(services.schools(), webAuth, templates, flash)::register,
                new AlertRulesRoutes(services.schoolAlerts(), clock,
                        new SchoolChoice(services.schoolRepository(), outOfScope), outOfScope, webAuth, templates,
                        flash)::register,
                liveQueue::register);
    }

    public int httpPort() {
        return web.port();
    }

    public int grpcPort() {
        return grpc.getPort();
    }

    /** The web UI's address as reachable from this machine, e.g. {@code https://127.0.0.1:8080/}. */
    public String httpUrl() {
        return httpUrl(config, httpPort());
    }

    private static String httpUrl(ConsoleConfig config, int port) {
        return config.edge().transport().scheme() + "://" + hostForUrl(localHost(config)) + ":" + port + "/";
    }

    /** The gRPC address as reachable from this machine, {@code host:port}. */
    public String grpcAddress() {
        return hostForUrl(localHost(config)) + ":" + grpcPort();
    }

    public CertificateFingerprint caFingerprint() {
        return tls().caFingerprint();
    }

    public X509Certificate caCertificate() {
        return tls().caCertificate();
    }

    /** Where screenshots are kept (files or the object store), in words. */
    public String screenshotStore() {
        return services.screenshots().describe();
    }

    /** Whether this start made a new console: the data directory held no console database. */
    public boolean createdNow() {
        return services.home().created();
    }

    /** Whether this start made a new CA (the data directory was new). */
    public boolean caCreatedNow() {
        return tls().caCreatedNow();
    }

    private TlsMaterial tls() {
        return services.home().tls();
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

    /**
     * A fresh enrolment token valid for {@value #DEFAULT_TOKEN_DAYS} days, made through the same rules and audit log
     * as the tokens page (for the demo and benchmarks, which enrol agents without a person).
     */
    public String mintEnrolmentToken() {
        return services.enrolmentTokens().create("console", "minted programmatically", DEFAULT_TOKEN_DAYS,
                Optional.empty()).token();
    }

    /** As {@link #mintEnrolmentToken()}, for the school with that code: the devices it enrols are that school's. */
    public String mintEnrolmentToken(String schoolCode) {
        return services.enrolmentTokens().create("console", "minted programmatically", DEFAULT_TOKEN_DAYS,
                Optional.empty(), services.schools().byCode(schoolCode).id()).token();
    }

    /** The repositories and services this console runs on, as the commands see them. */
    public ConsoleServices services() {
        return services;
    }

    /** Which group each device is in; a move is pushed to the device at once. */
    public GroupMembership groups() {
        return services.membership();
    }

    /** The wordlist policy: versions, edits, restores; a change is pushed to every connected agent. */
    public Policies policies() {
        return services.policies();
    }

    /** How many device streams are open now. */
    public int liveStreams() {
        return ingest.live().count();
    }

    /** This instance's id on the cluster bus (new at each start): it names the instance in claims and streams. */
    public String instanceId() {
        return ingest.bus().instanceId();
    }

    /** Stops both servers and closes the database; the data stays. */
    @Override
    public void close() {
        policyWatch.close();
        alertChecks.forEach(ScheduledAlerts::close);
        alertSenders.forEach(AlertSender::close);
        liveQueue.close(); // its streams end while the web server can still finish them
        web.close();
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
        services.close();
        LOG.info("Console stopped");
    }

    /** The bind address itself, or loopback when the console listens on every interface. */
    private static String localHost(ConsoleConfig config) {
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
