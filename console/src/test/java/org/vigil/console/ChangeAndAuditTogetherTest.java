package org.vigil.console;

import static org.vigil.console.store.SchoolScope.ONE_SCHOOL_CONSOLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.alerts.AlertOutbox;
import org.vigil.console.alerts.AlertRules;
import org.vigil.console.auth.PasswordHasher;
import org.vigil.console.auth.PasswordRules;
import org.vigil.console.auth.Role;
import org.vigil.console.auth.Session;
import org.vigil.console.auth.Sessions;
import org.vigil.console.auth.UserAdministration;
import org.vigil.console.devices.DeviceRevocation;
import org.vigil.console.devices.EnrolmentTokens;
import org.vigil.console.incidents.Incidents;
import org.vigil.console.policy.GroupMembership;
import org.vigil.console.policy.Policies;
import org.vigil.console.policy.SchoolPolicies;
import org.vigil.console.proposals.ExceptionProposals;
import org.vigil.console.store.AlertRepository;
import org.vigil.console.store.AlertRecipient;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.CaptureStatus;
import org.vigil.console.store.Database;
import org.vigil.console.store.DeviceRepository;
import org.vigil.console.store.EnrolmentTokenRepository;
import org.vigil.console.store.IncidentRepository;
import org.vigil.console.store.PolicyRepository;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.NewCapture;
import org.vigil.console.store.ProposalRepository;
import org.vigil.console.store.ProposalStatus;
import org.vigil.console.store.ProposedException;
import org.vigil.console.store.StoreException;
import org.vigil.console.store.TriageRepository;
import org.vigil.console.store.SessionRepository;
import org.vigil.console.store.UserRepository;
import org.vigil.console.triage.Triage;
import org.vigil.wordlists.MatchMode;
import org.vigil.wordlists.WordlistBundle;

/**
 * Every service that changes something and audits it does both in one transaction (ADR 0005: one audit row per
 * action): with the audit insert refused by a trigger added from outside, the change is not made either.
 */
class ChangeAndAuditTogetherTest {
    private static final WordlistBundle FIRST = WordlistBundle.of(Map.of(
            "self-harm.txt", "4 | cut myself\n", "drugs.txt", "3 | weed\n", "groups/ks1.txt", "off drugs\n"));

    /** Triage's outbox needs rules; these tests are about audit rows, so no capture alerts anyone. */
    private static final AlertRules NO_ALERTS = new AlertRules() {
        @Override
        public List<AlertRecipient> recipientsFor(NewCapture capture) {
            return List.of();
        }

        @Override
        public boolean webhookFor(NewCapture capture) {
            return false;
        }
    };

    @TempDir
    Path dir;
    private final Clock clock = Clock.systemUTC();
    private Database database;
    private AuditLog audit;
    private Policies policies;
    private long captureId;

    @BeforeEach
    void start() {
        database = Database.open(dir.resolve("vigil.db"));
        audit = new AuditLog(database, clock);
        policies = new Policies(new PolicyRepository(database, clock), audit, database);
        policies.seedIfEmpty(FIRST);
        captureId = Long.parseLong(outsider("SELECT max(id) FROM captures",
                "INSERT INTO devices (id, secret_sha256, hostname, os, agent_version, os_user, enrolled_at)"
                        + " VALUES ('d1', 'x', 'lab-01', 'linux', '1', 'pupil', 0)",
                "INSERT INTO captures (event_id, device_id, seq, occurred_at, received_at, os_user, window_title,"
                        + " app, category, severity, rule_id, matched_text, context, match_start, match_end,"
                        + " explanation) VALUES ('e1', 'd1', 1, 0, 0, 'pupil', 'w', 'a', 'self-harm', 3,"
                        + " 'self-harm.txt:1', 'cut myself', 'i cut myself shaving', 2, 12, 'x')"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void triageChangesWhoseAuditRowIsRefusedAreNotMade() {
        AlertRepository alerts = new AlertRepository(database, clock);
        Triage triage = new Triage(new TriageRepository(database, clock), new UserRepository(database, clock), audit,
                database, new AlertOutbox(NO_ALERTS, alerts, database, false));
        Session dsl = new Session("s1", 1, "dsl1", Role.DSL, false, false, "csrf",
                Instant.now(), Instant.now(), true, true);
        refuseAuditRows();

        assertThrows(StoreException.class, () -> triage.changeStatus(dsl, captureId, CaptureStatus.IN_REVIEW));
        assertThrows(StoreException.class, () -> triage.markFalsePositive(dsl, List.of(captureId)));
        assertThrows(StoreException.class, () -> triage.addNote(dsl, captureId, "spoke to the pupil"));
        assertThrows(StoreException.class, () -> triage.justifyViewing(dsl, captureId, "need to see the chat"));
        assertThrows(StoreException.class, () -> triage.assign(dsl, captureId, Optional.empty()));

        assertEquals("NEW", outsider("SELECT status FROM captures WHERE id = " + captureId));
        assertEquals("0", outsider("SELECT count(*) FROM capture_notes"));
        assertEquals("0", outsider("SELECT count(*) FROM screenshot_justifications"));
    }

    @Test
    void incidentChangesWhoseAuditRowIsRefusedAreNotMade() {
        TriageRepository captures = new TriageRepository(database, clock);
        Incidents incidents = new Incidents(new IncidentRepository(database, clock), captures, audit, database);
        Session dsl = new Session("s1", 1, "dsl1", Role.DSL, false, false, "csrf",
                Instant.now(), Instant.now(), true, true);
        long incident = incidents.create(dsl, "one concern", List.of(captureId));
        long other = Long.parseLong(outsider("SELECT max(id) FROM captures", "INSERT INTO captures (event_id,"
                + " device_id, seq, occurred_at, received_at, os_user, window_title, app, category, severity, rule_id,"
                + " matched_text, context, match_start, match_end, explanation) SELECT 'e2', device_id, 2, 0, 0,"
                + " os_user, window_title, app, category, severity, rule_id, matched_text, context, match_start,"
                + " match_end, explanation FROM captures WHERE id = " + captureId));
        refuseAuditRows();

        assertThrows(StoreException.class, () -> incidents.create(dsl, "another", List.of(other)));
        assertThrows(StoreException.class, () -> incidents.changeStatus(dsl, incident, CaptureStatus.IN_REVIEW,
                Optional.empty()));
        assertThrows(StoreException.class, () -> incidents.addNote(dsl, incident, "spoke to the pupil"));
        AlertRepository alerts = new AlertRepository(database, clock);
        Triage triage = new Triage(captures, new UserRepository(database, clock), audit, database,
                new AlertOutbox(NO_ALERTS, alerts, database, false));
        assertThrows(StoreException.class, () -> triage.markFalsePositive(dsl, List.of(captureId), Map.of(captureId, "a quote from a novel")));

        assertEquals("1", outsider("SELECT count(*) FROM incidents"));
        assertEquals("0", outsider("SELECT count(*) FROM incident_captures WHERE capture_id = " + other));
        assertEquals("NEW", outsider("SELECT status FROM incidents WHERE id = " + incident));
        assertEquals("NEW", outsider("SELECT status FROM captures WHERE id = " + captureId));
        assertEquals("0", outsider("SELECT count(*) FROM incident_notes"));
        assertEquals("0", outsider("SELECT count(*) FROM capture_notes"));
    }

    @Test
    void aPolicyPublishWhoseAuditRowIsRefusedIsNotMadeNorPushed() {
        List<String> told = new CopyOnWriteArrayList<>();
        policies.addListener((version, bundle) -> told.add(version));
        refuseAuditRows();

        assertThrows(StoreException.class, () -> policies.editCategory("self-harm", "4 | cut myself\n4 | hurt myself\n",
                "it1", Optional.empty()));
        assertThrows(StoreException.class, () -> policies.export(FIRST.version(), "it1", "zip"));

        assertEquals(FIRST.version(), policies.current().change().version());
        assertEquals("1", outsider("SELECT count(*) FROM policy_changes"));
        assertEquals("1", outsider("SELECT count(*) FROM policy_versions"), "the new version is not kept either");
        assertEquals(List.of(), told);
    }

    @Test
    void anAcceptedProposalWhoseAuditRowIsRefusedChangesNeitherTheProposalNorThePolicy() {
        ExceptionProposals proposals = new ExceptionProposals(new ProposalRepository(database, clock), policies,
                new SchoolPolicies(policies, new PolicyRepository(database, clock), new SchoolRepository(database,
                        clock), audit, database), audit, database);
        long id = proposals.propose("dsl1", captureId, new ProposedException("self-harm", "cut myself",
                MatchMode.WHOLE_WORD, 4, "cut myself shaving")).proposal().id();
        refuseAuditRows();

        assertThrows(StoreException.class, () -> proposals.accept(id, ONE_SCHOOL_CONSOLE, "it1", Optional.empty()));
        assertThrows(StoreException.class, () -> proposals.dismiss(id, ONE_SCHOOL_CONSOLE, "it1", Optional.empty()));

        assertEquals(FIRST.version(), policies.current().change().version());
        assertEquals(ProposalStatus.PROPOSED.name(), outsider("SELECT status FROM exception_proposals"));
    }

    @Test
    void deviceTokenAndUserChangesWhoseAuditRowIsRefusedAreNotMade() {
        DeviceRepository devices = new DeviceRepository(database, clock);
        AtomicInteger pushes = new AtomicInteger();
        GroupMembership membership = membership(devices, pushes);
        DeviceRevocation revocation = new DeviceRevocation(devices, audit, database);
        EnrolmentTokens tokens = new EnrolmentTokens(new EnrolmentTokenRepository(database, clock), audit, clock,
                database);
        UserAdministration users = new UserAdministration(new UserRepository(database, clock), new PasswordHasher(), PasswordRules.standard(),
                new Sessions(new SessionRepository(database), clock), audit, database);
        Session admin = new Session("s1", 1, "admin", Role.DSL, true, false, "csrf",
                Instant.now(), Instant.now(), true, true);
        refuseAuditRows();

        assertThrows(StoreException.class, () -> membership.move("d1", Optional.of("ks1"), "it1"));
        assertThrows(StoreException.class, () -> revocation.revoke("it1", "d1", "lost laptop"));
        assertThrows(StoreException.class, () -> tokens.create("it1", "year 7", 30, Optional.empty()));
        assertThrows(StoreException.class, () -> users.create(admin, "dsl2", Role.DSL, false, Optional.empty()));

        assertEquals(null, outsider("SELECT policy_group FROM devices WHERE id = 'd1'"));
        assertEquals(0, pushes.get(), "nothing to push: the move was not made");
        assertEquals(null, outsider("SELECT revoked_at FROM devices WHERE id = 'd1'"));
        assertEquals("0", outsider("SELECT count(*) FROM enrolment_tokens"));
        assertEquals("0", outsider("SELECT count(*) FROM users"));
    }

    @Test
    void withTheAuditRowAcceptedTheChangeAndItsRowAreBothStored() {
        AtomicInteger pushes = new AtomicInteger();
        membership(new DeviceRepository(database, clock), pushes).move("d1", Optional.of("ks1"), "it1");
        assertEquals("ks1", outsider("SELECT policy_group FROM devices WHERE id = 'd1'"));
        assertEquals("device.move", audit.page(1, Long.MAX_VALUE).get(0).action());
        assertEquals(1, pushes.get());
        assertTrue(audit.page(10, Long.MAX_VALUE).stream().anyMatch(entry -> entry.action().equals("policy.seed")));
    }

    /** A trigger, added as an outsider would, that refuses every new audit row. */
    private void refuseAuditRows() {
        outsider("SELECT 1", "CREATE TRIGGER audit_refused_for_test BEFORE INSERT ON audit_log"
                + " BEGIN SELECT RAISE(ABORT, 'audit refused for the test'); END");
    }

    /** Runs the statements on a plain connection, as an outsider would, then the query; its first column, or null. */
    private String outsider(String query, String... statements) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("vigil.db"))) {
            for (String sql : statements) {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    statement.executeUpdate();
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(query);
                 var rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Group membership whose pushes (after a committed move) are counted. */
    private GroupMembership membership(DeviceRepository devices, AtomicInteger pushes) {
        GroupMembership membership = new GroupMembership(devices, new SchoolPolicies(policies,
                new PolicyRepository(database, clock), new SchoolRepository(database, clock), audit, database), audit,
                database);
        membership.onMoved(pushes::incrementAndGet);
        return membership;
    }
}
