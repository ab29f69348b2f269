package org.vigil.console.proposals;

import static org.vigil.console.store.SchoolScope.ONE_SCHOOL_CONSOLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.policy.Policies;
import org.vigil.console.policy.SchoolPolicies;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.Database;
import org.vigil.console.store.OnBothStores;
import org.vigil.console.store.StoreUnderTest;
import org.vigil.console.store.ExceptionProposal;
import org.vigil.console.store.PolicyRepository;
import org.vigil.console.store.ProposalRepository;
import org.vigil.console.store.ProposalStatus;
import org.vigil.console.store.ProposedException;
import org.vigil.console.store.SchoolRepository;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.WordlistBundle;

/** Proposals stored in a real SQLite file and accepted through the real policy store. */
class ExceptionProposalsTest {
    private static final String SELF_HARM = "# acts, first person\n"
            + "4 | cut myself | except: cut myself by accident\n"
            + "\n"
            + "# 4 | disabled entry\n"
            + "4 | hurt myself\n";
    private static final WordlistBundle FIRST = WordlistBundle.of(Map.of(
            "self-harm.txt", SELF_HARM, "suicide.txt", "5 | kill myself\n"));
    private static final String CONTEXT = "i cut myself shaving this morning";

    @TempDir
    Path dir;
    private Database database;
    private AuditLog audit;
    private Policies policies;
    private ProposalRepository store;
    private ExceptionProposals proposals;
    private long captureId;

    @BeforeEach
    void start(StoreUnderTest underTest) {
        database = underTest.open();
        audit = new AuditLog(database, Clock.systemUTC());
        policies = new Policies(new PolicyRepository(database, Clock.systemUTC()), audit, database);
        policies.seedIfEmpty(FIRST);
        store = new ProposalRepository(database, Clock.systemUTC());
        proposals = new ExceptionProposals(store, policies, new SchoolPolicies(policies,
                new PolicyRepository(database, Clock.systemUTC()), new SchoolRepository(database, Clock.systemUTC()),
                audit, database), audit, database);
        captureId = insertCapture();
    }

    @OnBothStores
    void theSamePhraseForTheSameEntryIsOneProposalWhoeverProposesIt() {
        ProposedException exception = proposals.check(capture(), "cut myself shaving");
        ProposalRepository.Proposed first = proposals.propose("dsl1", captureId, exception);
        ProposalRepository.Proposed again = proposals.propose("dsl2", captureId, exception);
        assertTrue(first.created());
        assertFalse(again.created());
        assertEquals(first.proposal().id(), again.proposal().id());
        assertEquals("dsl1", again.proposal().proposedBy());
        assertEquals(List.of(first.proposal()), proposals.pending(ONE_SCHOOL_CONSOLE, 10));
        assertEquals(1, audits("proposal.create"));
        assertEquals(ProposalStatus.PROPOSED, first.proposal().status());
        assertEquals(Optional.of(captureId), first.proposal().captureId());
    }

    @OnBothStores
    void acceptingAddsThePhraseToTheTermAndPublishesANewVersion() {
        long id = proposals.propose("dsl1", captureId, proposals.check(capture(), "cut myself shaving")).proposal().id();
        String before = policies.current().change().version();

        ExceptionProposal accepted = proposals.accept(id, ONE_SCHOOL_CONSOLE, "it1", Optional.of(" shaving is fine "));

        Policies.CurrentPolicy now = policies.current();
        assertFalse(now.change().version().equals(before));
        assertEquals(SELF_HARM.replace("by accident\n", "by accident; cut myself shaving\n"),
                now.bundle().files().get("self-harm.txt"), "only that line changed");
        assertEquals(ProposalStatus.ACCEPTED, accepted.status());
        assertEquals(Optional.of(now.change().version()), accepted.policyVersion());
        assertEquals(Optional.of("it1"), accepted.decidedBy());
        assertEquals(Optional.of("false positive proposal #" + id + ": shaving is fine"), now.change().reason());
        assertEquals("it1", now.change().author());
        assertEquals(1, audits("proposal.accept"));
        Matcher matcher = Matcher.compile(now.bundle().wordlist());
        assertTrue(matcher.scan(CONTEXT).isEmpty());
        assertEquals("cut myself", matcher.scan("i cut myself again").get(0).rule().term());
        assertTrue(proposals.pending(ONE_SCHOOL_CONSOLE, 10).isEmpty());
        assertEquals(List.of(accepted), proposals.decided(ONE_SCHOOL_CONSOLE, 10));
    }

    @OnBothStores
    void acceptingFailsAndChangesNothingWhenTheTermIsGone() {
        long id = proposals.propose("dsl1", captureId, proposals.check(capture(), "cut myself shaving")).proposal().id();
        policies.editCategory("self-harm", "4 | hurt myself\n", "it1", Optional.of("trimmed"));
        String before = policies.current().change().version();

        InvalidRequest refused = assertThrows(InvalidRequest.class, () -> proposals.accept(id, ONE_SCHOOL_CONSOLE, "it1", Optional.empty()));

        assertEquals("Not accepted, nothing changed: The term \"cut myself\" is no longer in self-harm.txt.",
                refused.getMessage());
        assertEquals(before, policies.current().change().version());
        assertEquals(ProposalStatus.PROPOSED, store.find(id).orElseThrow().status());
        assertEquals(0, audits("proposal.accept"));
    }

    @OnBothStores
    void acceptingFailsWhenTheCategoryIsGone() {
        long id = proposals.propose("dsl1", captureId, proposals.check(capture(), "cut myself shaving")).proposal().id();
        policies.importFiles(Map.of("suicide.txt", "5 | kill myself\n"), "it1", Optional.empty());
        InvalidRequest refused = assertThrows(InvalidRequest.class, () -> proposals.accept(id, ONE_SCHOOL_CONSOLE, "it1", Optional.empty()));
        assertTrue(refused.getMessage().contains("no longer in the wordlists"), refused.getMessage());
        assertEquals(ProposalStatus.PROPOSED, store.find(id).orElseThrow().status());
    }

    @OnBothStores
    void aProposalIsDecidedOnce() {
        long id = proposals.propose("dsl1", captureId, proposals.check(capture(), "cut myself shaving")).proposal().id();
        ExceptionProposal dismissed = proposals.dismiss(id, ONE_SCHOOL_CONSOLE, "it1", Optional.of("too broad"));
        String version = policies.current().change().version();
        assertEquals(ProposalStatus.DISMISSED, dismissed.status());
        assertEquals(Optional.of("too broad"), dismissed.note());
        assertTrue(dismissed.policyVersion().isEmpty());

        InvalidRequest again = assertThrows(InvalidRequest.class, () -> proposals.accept(id, ONE_SCHOOL_CONSOLE, "it2", Optional.empty()));
        assertEquals("Proposal #" + id + " was already dismissed by it1; nothing changed.", again.getMessage());
        assertThrows(InvalidRequest.class, () -> proposals.dismiss(id, ONE_SCHOOL_CONSOLE, "it2", Optional.empty()));
        assertThrows(InvalidRequest.class, () -> proposals.accept(999, ONE_SCHOOL_CONSOLE, "it2", Optional.empty()));
        assertEquals(version, policies.current().change().version());
        assertEquals(1, audits("proposal.dismiss"));
    }

    @OnBothStores
    void aNoteThatIsTooLongOrNotOneLineChangesNothing() {
        long id = proposals.propose("dsl1", captureId, proposals.check(capture(), "cut myself shaving")).proposal().id();
        String version = policies.current().change().version();
        assertThrows(InvalidRequest.class, () -> proposals.accept(id, ONE_SCHOOL_CONSOLE, "it1", Optional.of("x".repeat(501))));
        assertThrows(InvalidRequest.class, () -> proposals.accept(id, ONE_SCHOOL_CONSOLE, "it1", Optional.of("two\nlines")));
        assertEquals(version, policies.current().change().version());
        assertEquals(ProposalStatus.PROPOSED, store.find(id).orElseThrow().status());
    }

    @OnBothStores
    void theDatabaseRefusesToRewriteOrDeleteAProposal() {
        long id = proposals.propose("dsl1", captureId, proposals.check(capture(), "cut myself shaving")).proposal().id();
        assertTrue(sqlError("UPDATE exception_proposals SET phrase = 'cut myself' WHERE id = " + id)
                .contains("decided once"));
        proposals.dismiss(id, ONE_SCHOOL_CONSOLE, "it1", Optional.empty());
        assertTrue(sqlError("UPDATE exception_proposals SET status = 'ACCEPTED' WHERE id = " + id)
                .contains("decided once"));
        assertTrue(sqlError("DELETE FROM exception_proposals WHERE id = " + id).contains("kept"));
        assertEquals("", sqlError("UPDATE exception_proposals SET capture_id = NULL WHERE id = " + id),
                "retention may unlink a purged capture");
    }

    private CapturedMatch capture() {
        int start = CONTEXT.indexOf("cut myself");
        return new CapturedMatch("self-harm", 4, "cut myself", CONTEXT, start, start + 10);
    }

    private long audits(String action) {
        return audit.page(100, Long.MAX_VALUE).stream().filter(e -> e.action().equals(action)).count();
    }

    private String sqlError(String sql) {
        try {
            database.inTransaction(connection -> {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    return statement.executeUpdate();
                }
            });
            return "";
        } catch (RuntimeException e) {
            return String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        }
    }

    private long insertCapture() {
        return database.inTransaction(connection -> {
            try (PreparedStatement device = connection.prepareStatement("INSERT INTO devices (id, secret_sha256,"
                    + " hostname, os, agent_version, os_user, enrolled_at) VALUES ('d1', 'x', 'lab-01', 'linux', '1',"
                    + " 'pupil', 0)")) {
                device.executeUpdate();
            }
            try (PreparedStatement capture = connection.prepareStatement("INSERT INTO captures (event_id, device_id,"
                    + " seq, occurred_at, received_at, os_user, window_title, app, category, severity, rule_id,"
                    + " matched_text, context, match_start, match_end, explanation) VALUES ('e1', 'd1', 1, 0, 0,"
                    + " 'pupil', 'w', 'a', 'self-harm', 4, 'self-harm.txt:2', 'cut myself', ?, 2, 12, 'x')",
                    PreparedStatement.RETURN_GENERATED_KEYS)) {
                capture.setString(1, CONTEXT);
                capture.executeUpdate();
                try (ResultSet keys = capture.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }
}
