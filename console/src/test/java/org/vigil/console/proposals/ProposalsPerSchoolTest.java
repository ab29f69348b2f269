package org.vigil.console.proposals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.vigil.console.policy.Policies;
import org.vigil.console.policy.SchoolLayer;
import org.vigil.console.policy.SchoolPolicies;
import org.vigil.console.request.InvalidRequest;
import org.vigil.console.schools.Schools;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.Database;
import org.vigil.console.store.ExceptionProposal;
import org.vigil.console.store.OnBothStores;
import org.vigil.console.store.PolicyRepository;
import org.vigil.console.store.ProposalRepository;
import org.vigil.console.store.ProposalStatus;
import org.vigil.console.store.ProposedException;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.SchoolScope;
import org.vigil.console.store.StoreUnderTest;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.WordlistBundle;

/**
 * Exception proposals per school (ADR 0199) over a real store, SQLite and PostgreSQL: a proposal takes its capture's
 * school, each school's users list and decide only theirs, and a school's acceptance changes that school's lists only.
 */
class ProposalsPerSchoolTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final WordlistBundle TRUST = WordlistBundle.of(Map.of(
            "self-harm.txt", "4 | cut myself | except: cut myself by accident\n4 | hurt myself\n",
            "suicide.txt", "5 | kill myself\n"));
    private static final String CONTEXT = "i cut myself shaving this morning";

    private Database database;
    private Policies policies;
    private SchoolPolicies schoolLists;
    private ExceptionProposals proposals;
    private School main;
    private School oak;

    @BeforeEach
    void start(StoreUnderTest underTest) {
        database = underTest.open();
        AuditLog audit = new AuditLog(database, CLOCK);
        PolicyRepository policyStore = new PolicyRepository(database, CLOCK);
        policies = new Policies(policyStore, audit, database);
        policies.seedIfEmpty(TRUST);
        SchoolRepository schoolStore = new SchoolRepository(database, CLOCK);
        Schools schools = new Schools(schoolStore, audit, database);
        main = schools.byCode("main");
        oak = schools.create("admin", "oak", "Oak Academy");
        schoolLists = new SchoolPolicies(policies, policyStore, schoolStore, audit, database);
        proposals = new ExceptionProposals(new ProposalRepository(database, CLOCK), policies, schoolLists, audit,
                database);
    }

    @OnBothStores
    void theSamePhraseFromTwoSchoolsIsAProposalOfEachAndEachSchoolListsOnlyItsOwn() {
        ExceptionProposal fromMain = propose(main, "e-main");
        ExceptionProposal fromOak = propose(oak, "e-oak");
        ExceptionProposal again = proposals.propose("dsl2", capture(oak, "e-oak-2"), exception()).proposal();

        assertEquals(main.id(), fromMain.schoolId());
        assertEquals(oak.id(), fromOak.schoolId());
        assertNotEquals(fromMain.id(), fromOak.id());
        assertEquals(fromOak.id(), again.id(), "one proposal per phrase per entry per school");
        assertEquals(List.of(fromOak), proposals.pending(scopeOf(oak), 10));
        assertEquals(List.of(fromMain), proposals.pending(scopeOf(main), 10));
        assertEquals(List.of(fromMain, fromOak), proposals.pending(new SchoolScope(Set.of(main.id(), oak.id()),
                true), 10));
    }

    @OnBothStores
    void aSchoolsAcceptanceChangesThatSchoolsListsOnly() {
        ExceptionProposal fromOak = propose(oak, "e-oak");
        ExceptionProposal fromMain = propose(main, "e-main");
        String trustBefore = policies.current().change().version();

        ExceptionProposal accepted = proposals.accept(fromOak.id(), scopeOf(oak), "oak-it", Optional.of("sport"));

        assertEquals(ProposalStatus.ACCEPTED, accepted.status());
        assertEquals(trustBefore, policies.current().change().version(), "the trust's lists are untouched");
        SchoolPolicies.Layer layer = schoolLists.layer(oak.id());
        assertEquals(Optional.of(layer.version()), accepted.policyVersion());
        assertEquals("add self-harm | 4 | cut myself | except: cut myself by accident; cut myself shaving\n",
                layer.files().files().get(SchoolLayer.SCHOOL_FILE));
        assertTrue(matches(schoolLists.effective(oak.id()).policy()).isEmpty(), "oak's devices stay quiet");
        assertFalse(matches(schoolLists.effective(main.id()).policy()).isEmpty(), "main's still match");
        assertEquals(Optional.empty(), schoolLists.layer(main.id()).change());
        assertEquals(ProposalStatus.PROPOSED, proposals.find(fromMain.id()).orElseThrow().status());
    }

    @OnBothStores
    void aSecondAcceptanceForTheSameEntryExtendsTheSchoolsOwnLineAndKeepsItsOtherChanges() {
        schoolLists.editFile(oak.id(), SchoolPolicies.NO_CHANGES, SchoolLayer.SCHOOL_FILE,
                "off suicide\nadd self-harm | 3 | cut myself | except: cut myself by accident\n", "oak-it",
                Optional.empty());
        ExceptionProposal first = propose(oak, "e-oak");
        proposals.accept(first.id(), scopeOf(oak), "oak-it", Optional.empty());

        assertEquals("off suicide\nadd self-harm | 3 | cut myself | except: cut myself by accident;"
                + " cut myself shaving\n", schoolLists.layer(oak.id()).files().files().get(SchoolLayer.SCHOOL_FILE));
    }

    @OnBothStores
    void aUserOfEveryTrustSchoolAcceptsIntoTheTrustsListsAndAnotherSchoolsProposalIsNoneOfAUsers() {
        ExceptionProposal fromOak = propose(oak, "e-oak");
        ExceptionProposal fromMain = propose(main, "e-main");

        InvalidRequest refused = assertThrows(InvalidRequest.class,
                () -> proposals.accept(fromOak.id(), scopeOf(main), "main-it", Optional.empty()));
        assertTrue(refused.getMessage().contains("There is no exception proposal #" + fromOak.id()));
        assertThrows(InvalidRequest.class,
                () -> proposals.dismiss(fromOak.id(), scopeOf(main), "main-it", Optional.empty()));
        assertEquals(ProposalStatus.PROPOSED, proposals.find(fromOak.id()).orElseThrow().status());

        String before = policies.current().change().version();
        ExceptionProposal accepted = proposals.accept(fromMain.id(), new SchoolScope(Set.of(main.id(), oak.id()),
                true), "trust-it", Optional.empty());
        assertEquals(Optional.of(policies.current().change().version()), accepted.policyVersion());
        assertNotEquals(before, policies.current().change().version());
        assertTrue(matches(schoolLists.effective(oak.id()).policy()).isEmpty(), "every school's devices");
    }

    private static SchoolScope scopeOf(School school) {
        return new SchoolScope(Set.of(school.id()), false);
    }

    private static List<?> matches(WordlistBundle lists) {
        return Matcher.compile(lists.wordlist()).scan(CONTEXT);
    }

    private static ProposedException exception() {
        return ExceptionProposer.check(TRUST, match(), "cut myself shaving");
    }

    private static CapturedMatch match() {
        int start = CONTEXT.indexOf("cut myself");
        return new CapturedMatch("self-harm", 4, "cut myself", CONTEXT, start, start + 10);
    }

    private ExceptionProposal propose(School school, String eventId) {
        return proposals.propose("dsl1", capture(school, eventId), exception()).proposal();
    }

    private long capture(School school, String eventId) {
        String device = "d-" + school.code();
        return database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO devices (id, secret_sha256,"
                    + " hostname, os, agent_version, os_user, enrolled_at, school_id) VALUES (?, 'x', 'lab', 'linux',"
                    + " '1', 'pupil', 0, ?) ON CONFLICT (id) DO NOTHING")) {
                insert.setString(1, device);
                insert.setLong(2, school.id());
                insert.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO captures (event_id, device_id,"
                    + " seq, occurred_at, received_at, os_user, window_title, app, category, severity, rule_id,"
                    + " matched_text, context, match_start, match_end, explanation, school_id) VALUES (?, ?, 1, 0, 0,"
                    + " 'pupil', 'w', 'a', 'self-harm', 4, 'self-harm.txt:1', 'cut myself', ?, 2, 12, 'x', ?)",
                    PreparedStatement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, eventId);
                insert.setString(2, device);
                insert.setString(3, CONTEXT);
                insert.setLong(4, school.id());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }
}
