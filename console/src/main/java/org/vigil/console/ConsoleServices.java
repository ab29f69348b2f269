package org.vigil.console;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.vigil.console.alerts.AlertOutbox;
import org.vigil.console.alerts.SchoolAlerts;
import org.vigil.console.auth.LoginThrottle;
import org.vigil.console.auth.PasswordHasher;
import org.vigil.console.auth.PasswordRules;
import org.vigil.console.auth.SessionTimeouts;
import org.vigil.console.auth.Sessions;
import org.vigil.console.auth.TwoFactor;
import org.vigil.console.auth.UserAdministration;
import org.vigil.console.devices.DeviceRevocation;
import org.vigil.console.devices.SchoolMoves;
import org.vigil.console.devices.EnrolmentTokens;
import org.vigil.console.devices.PolicyInForce;
import org.vigil.console.export.SubjectAccessExport;
import org.vigil.console.holds.LegalHolds;
import org.vigil.console.incidents.Incidents;
import org.vigil.console.policy.GroupMembership;
import org.vigil.console.policy.Policies;
import org.vigil.console.policy.SchoolPolicies;
import org.vigil.console.proposals.ExceptionProposals;
import org.vigil.console.pupils.DeviceGroupsFromDirectory;
import org.vigil.console.pupils.DirectorySync;
import org.vigil.console.pupils.PupilDirectory;
import org.vigil.console.retention.CaptureDeletion;
import org.vigil.console.retention.RetentionPurge;
import org.vigil.console.schools.Schools;
import org.vigil.console.settings.Setting;
import org.vigil.console.settings.Settings;
import org.vigil.console.store.AlertRepository;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.CaptureDeletionRepository;
import org.vigil.console.store.CaptureRepository;
import org.vigil.console.store.DatabaseChoice;
import org.vigil.console.store.DeviceProblemRepository;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.EnrolmentTokenRepository;
import org.vigil.console.store.IncidentRepository;
import org.vigil.console.store.LegalHoldRepository;
import org.vigil.console.store.PolicyRepository;
import org.vigil.console.store.ProposalRepository;
import org.vigil.console.store.PupilRepository;
import org.vigil.console.store.RetentionRepository;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.ScreenshotStore;
import org.vigil.console.store.SessionRepository;
import org.vigil.console.store.SettingsRepository;
import org.vigil.console.store.SignedInPupils;
import org.vigil.console.store.SubjectAccessRepository;
import org.vigil.console.store.Transactions;
import org.vigil.console.store.TriageRepository;
import org.vigil.console.store.TwoFactorRepository;
import org.vigil.console.store.UserRepository;
import org.vigil.console.store.objectstore.ScreenshotPlace;
import org.vigil.console.triage.Triage;
import org.vigil.wordlists.WordlistBundle;

/**
 * The console's repositories and services over one opened data directory, built once and shared by {@code serve}
 * and every command: a rule (a check, an audit row in the change's transaction) cannot be skipped because one
 * path wired things by hand. Nothing here listens or runs a thread; {@link Console} adds the servers and connects
 * the live parts through the services' listeners. Closing it closes the database.
 */
public record ConsoleServices(ConsoleHome home, Clock clock, ScreenshotStore screenshots, UserRepository users,
                              EnrolmentTokenRepository tokenRepository, DeviceRepository devices,
                              CaptureRepository captures, TriageRepository triageRepository, AuditLog audit,
                              PasswordHasher hasher, PasswordRules passwordRules, Sessions sessions,
                              Policies policies, SchoolPolicies schoolPolicies,
                              PolicyInForce policyInForce, Triage triage, ExceptionProposals proposals,
                              UserAdministration administration, EnrolmentTokens enrolmentTokens,
                              GroupMembership membership, DeviceRevocation revocation,
                              AlertRepository alertRepository, AlertOutbox alertOutbox,
                              Settings settings, SchoolAlerts schoolAlerts, Incidents incidents,
                              DeviceProblemRepository deviceProblems, RetentionPurge retention,
                              LegalHolds holds, CaptureDeletion deletion, TwoFactor twoFactor)
        implements AutoCloseable {

    /**
     * The services over an existing console; a directory without one is refused.
     *
     * @throws IllegalArgumentException if {@code dataDir} holds no console database
     */
    public static ConsoleServices open(Path dataDir, Clock clock) {
        return over(ConsoleHome.open(dataDir), clock);
    }

    /** As {@link #open(Path, Clock)}, on the chosen database (SQLite in {@code dataDir}, or PostgreSQL). */
    public static ConsoleServices open(Path dataDir, DatabaseChoice database, Clock clock) {
        return over(ConsoleHome.open(dataDir, database), clock);
    }

    /** The services over the console's home; seeds the shipped wordlists on a new console. */
    public static ConsoleServices over(ConsoleHome home, Clock clock) {
        return over(home, clock, SessionTimeouts.defaults(), false);
    }

    /**
     * As {@link #over(ConsoleHome, Clock)}, for a console that serves: its web sessions' timeouts, and whether alert
     * webhooks are configured (new captures then queue a webhook alert too).
     */
    public static ConsoleServices over(ConsoleHome home, Clock clock, SessionTimeouts sessionTimeouts,
                                       boolean webhook) {
        try {
            return build(home, clock, sessionTimeouts, webhook);
        } catch (RuntimeException e) {
            home.close();
            throw e;
        }
    }

    private static ConsoleServices build(ConsoleHome home, Clock clock, SessionTimeouts sessionTimeouts,
                                         boolean webhook) {
        Transactions transactions = home.database();
        // files, the object store or the database, as the data directory records (ADR 0174, 0179); checked now, so
        // a console that cannot store screenshots does not start
        ScreenshotStore screenshots = ScreenshotPlace.recorded(home.dataDir()).open(home.dataDir(), System.getenv(),
                home.database());
        try {
            return build(home, clock, sessionTimeouts, webhook, transactions, screenshots);
        } catch (RuntimeException e) {
            screenshots.close();
            throw e;
        }
    }

    private static ConsoleServices build(ConsoleHome home, Clock clock, SessionTimeouts sessionTimeouts,
                                         boolean webhook, Transactions transactions, ScreenshotStore screenshots) {
        UserRepository users = new UserRepository(home.database(), clock);
        DeviceRepository devices = new DeviceRepository(home.database(), clock);
        EnrolmentTokenRepository tokens = new EnrolmentTokenRepository(home.database(), clock);
        AuditLog audit = new AuditLog(home.database(), clock);
        audit.sealEntriesFromBeforeTheChain(); // once, at the first start after the upgrade (ADR 0141)
        PasswordHasher hasher = new PasswordHasher();
        PasswordRules passwordRules = PasswordRules.standard();
        Sessions sessions = new Sessions(new SessionRepository(home.database()), clock, sessionTimeouts);
        Policies policies = new Policies(new PolicyRepository(home.database(), clock), audit, transactions);
        policies.seedIfEmpty(WordlistBundle.defaults());
        SchoolPolicies schoolPolicies = new SchoolPolicies(policies, new PolicyRepository(home.database(), clock),
                new SchoolRepository(home.database(), clock), audit, transactions);
        PolicyInForce policyInForce = new PolicyInForce(schoolPolicies, devices);
        policies.addListener((version, bundle) -> policyInForce.refresh());
        schoolPolicies.onChange(policyInForce::refresh);
        TriageRepository triage = new TriageRepository(home.database(), clock);
        AlertRepository alerts = new AlertRepository(home.database(), clock);
        Settings settings = new Settings(new SettingsRepository(home.database(), clock), audit, transactions);
        SchoolAlerts schoolAlerts = SchoolAlerts.over(home.database(), alerts, settings, audit, clock);
        // a capture's alerts are written in its own transaction: never one without the other
        AlertOutbox outbox = new AlertOutbox(schoolAlerts.rules(clock), alerts, transactions, webhook);
        CaptureRepository captures = new CaptureRepository(home.database(), screenshots, clock, outbox);
        IncidentRepository incidents = new IncidentRepository(home.database(), clock);
        RetentionRepository retention = new RetentionRepository(home.database(), clock);
        LegalHoldRepository holds = new LegalHoldRepository(home.database(), clock);
        return new ConsoleServices(home, clock, screenshots, users, tokens, devices, captures, triage, audit, hasher,
                passwordRules, sessions, policies, schoolPolicies, policyInForce, new Triage(triage, users, audit, transactions, outbox),
                new ExceptionProposals(new ProposalRepository(home.database(), clock), policies, schoolPolicies, audit,
                        transactions),
                new UserAdministration(users, hasher, passwordRules, sessions, audit, transactions),
                new EnrolmentTokens(tokens, audit, clock, transactions),
                new GroupMembership(devices, schoolPolicies, audit, transactions),
                new DeviceRevocation(devices, audit, transactions), alerts, outbox, settings, schoolAlerts,
                new Incidents(incidents, triage, audit, transactions),
                new DeviceProblemRepository(home.database()),
                new RetentionPurge(retention, screenshots, settings, new SchoolRepository(home.database(), clock)::list,
                        audit, transactions, clock),
                new LegalHolds(holds, captures, incidents, triage, screenshots, audit, transactions),
                new CaptureDeletion(captures, new CaptureDeletionRepository(home.database(), clock), holds, retention,
                        screenshots, audit, transactions),
                new TwoFactor(new TwoFactorRepository(home.database()), users, sessions, new LoginThrottle(clock), audit,
                        transactions, clock, () -> Boolean.parseBoolean(settings.values()
                        .get(Setting.TWO_FACTOR_REQUIRED))));
    }

    public Transactions transactions() {
        return home.database();
    }

    /** A pupil's subject access export (web and {@code pupils sar}). */
    public SubjectAccessExport subjectAccess() {
        return new SubjectAccessExport(new SubjectAccessRepository(home.database()), captures, triageRepository,
                triage, screenshots, audit, clock, new PupilRepository(home.database(), clock));
    }

    /** The console's schools, and which school a record or user belongs to (ADR 0175). */
    public SchoolRepository schoolRepository() {
        return new SchoolRepository(home.database(), clock);
    }

    /** Making and listing schools (the {@code schools} command and page). */
    public Schools schools() {
        return new Schools(schoolRepository(), audit, transactions());
    }

    /** Moving devices between schools (the {@code devices move-school} command and the devices page: ADR 0198). */
    public SchoolMoves schoolMoves() {
        return new SchoolMoves(devices, schools(), membership, audit, transactions());
    }

    /** Who the pupils are: MIS imports, directory sync, links and search (ADR 0151). */
    public PupilDirectory directory() {
        return new PupilDirectory(new PupilRepository(home.database(), clock), audit, transactions());
    }

    /** The directory sync the data directory's {@code pupil-sync.properties} sets up (ADR 0151, 0156). */
    public DirectorySync directorySync(Map<String, String> env) {
        return new DirectorySync(directory(), new DeviceGroupsFromDirectory(new SignedInPupils(home.database()),
                membership, policies::groups), schoolRepository(), transactions(), home.dataDir(), env);
    }

    @Override
    public void close() {
        try {
            screenshots.close();
        } finally {
            home.close();
        }
    }
}
