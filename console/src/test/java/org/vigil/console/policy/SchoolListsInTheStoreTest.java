package org.vigil.console.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vigil.console.schools.Schools;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.Database;
import org.vigil.console.store.OnBothStores;
import org.vigil.console.store.PolicyRepository;
import org.vigil.console.store.School;
import org.vigil.console.store.SchoolRepository;
import org.vigil.console.store.StoreUnderTest;
import org.vigil.wordlists.Matcher;
import org.vigil.wordlists.WordlistBundle;
import org.vigil.wordlists.WordlistFormatException;

/**
 * Lists per school in the store (ADR 0193) on SQLite and PostgreSQL: a school's changes are a chain of versions of
 * their own beside the trust's, combined with the trust's lists for that school only, audited with the school,
 * refused whole when they cannot be used, and a trust change they no longer fit is refused naming the school.
 */
class SchoolListsInTheStoreTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final String GAMBLING = "my lucky spin on the slots";

    @OnBothStores
    void aSchoolsChangesAreItsOwnVersionsAndReachOnlyItsLists(StoreUnderTest store) throws Exception {
        try (Database database = store.open()) {
            World world = new World(database);
            String trustBefore = world.policies.current().change().version();

            Policies.Outcome made = world.lists.editFile(world.oak.id(), SchoolPolicies.NO_CHANGES, "school.txt",
                    "# Oak: no gambling terms\noff gambling\n", "oak-it", Optional.of("primary school"));

            assertTrue(made.changed());
            assertEquals(trustBefore, world.policies.current().change().version(), "the trust's lists are unchanged");
            assertEquals(Map.of(world.oak.id(), made.current().version()), world.repository.currentBySchool());
            assertEquals(made.current().version(), world.lists.layer(world.oak.id()).version());
            assertEquals(SchoolPolicies.NO_CHANGES, world.lists.layer(world.main.id()).version());

            WordlistBundle oakLists = world.lists.effective(world.oak.id()).forGroup(Optional.empty());
            WordlistBundle mainLists = world.lists.effective(world.main.id()).forGroup(Optional.empty());
            assertEquals(world.policies.effective(Optional.empty()), mainLists, "main runs the trust's lists");
            assertEquals(List.of(), Matcher.compile(oakLists.wordlist()).scan(GAMBLING));
            assertFalse(Matcher.compile(mainLists.wordlist()).scan(GAMBLING).isEmpty());
            assertEquals(1, count(database, "SELECT count(*) FROM audit_log WHERE action = 'policy.edit'"
                    + " AND actor = 'oak-it' AND target = 'policy:" + made.current().version() + "'"
                    + " AND detail = 'school oak: primary school'"));
            assertEquals(1, world.lists.changes(world.oak.id(), 10).size());
            assertEquals(trustBefore, world.policies.changes(10).get(0).version(), "the trust's log is its own");
        }
    }

    @OnBothStores
    void aSchoolsGroupReplacesTheTrustsGroupOfTheSameIdForThatSchoolOnly(StoreUnderTest store) throws Exception {
        try (Database database = store.open()) {
            World world = new World(database);
            world.policies.editGroup("ks1", "# KS1\noff gambling\n", "trust-it", Optional.empty());
            world.lists.editFile(world.oak.id(), SchoolPolicies.NO_CHANGES, "groups/ks1.txt",
                    "# Oak KS1: gambling on, swearing off\noff inappropriate-language\n", "oak-it", Optional.empty());
            world.lists.editFile(world.oak.id(), world.lists.layer(world.oak.id()).version(), "groups/forest.txt",
                    "# Oak's forest school\n", "oak-it", Optional.empty());

            EffectivePolicies oak = world.lists.effective(world.oak.id());
            EffectivePolicies main = world.lists.effective(world.main.id());
            assertTrue(oak.policy().groups().containsAll(List.of("ks1", "forest")));
            assertEquals(List.of("ks1"), List.copyOf(main.policy().groups()), "oak's own group is oak's only");
            assertFalse(Matcher.compile(oak.forGroup(Optional.of("ks1")).wordlist()).scan(GAMBLING).isEmpty());
            assertEquals(List.of(), Matcher.compile(main.forGroup(Optional.of("ks1")).wordlist()).scan(GAMBLING));
        }
    }

    @OnBothStores
    void changesThatCannotBeUsedOrStartFromAnOldVersionAreRefusedAndWriteNothing(StoreUnderTest store)
            throws Exception {
        try (Database database = store.open()) {
            World world = new World(database);
            WordlistFormatException badLine = assertThrows(WordlistFormatException.class, () -> world.lists.editFile(
                    world.oak.id(), SchoolPolicies.NO_CHANGES, "school.txt", "# Oak\noff gamblng\n", "oak-it",
                    Optional.empty()));
            assertEquals("school.txt", badLine.source());
            assertEquals(2, badLine.line());
            assertThrows(WordlistFormatException.class, () -> world.lists.editFile(world.oak.id(),
                    SchoolPolicies.NO_CHANGES, "drugs.txt", "3 | weed\n", "oak-it", Optional.empty()),
                    "a school changes the trust's categories with directives, not by replacing them");
            assertEquals(Map.of(), world.repository.currentBySchool());

            String first = world.lists.editFile(world.oak.id(), SchoolPolicies.NO_CHANGES, "school.txt",
                    "off gambling\n", "oak-it", Optional.empty()).current().version();
            assertThrows(PolicyConflict.class, () -> world.lists.editFile(world.oak.id(), SchoolPolicies.NO_CHANGES,
                    "school.txt", "off drugs\n", "oak-it-2", Optional.empty()), "both started from no changes");
            assertEquals(first, world.lists.layer(world.oak.id()).version());

            String trustBefore = world.policies.current().change().version();
            WordlistFormatException unfit = assertThrows(WordlistFormatException.class, () -> world.policies
                    .importFiles(Map.of("violence-weapons.txt", "3 | knife\n"), true, "trust-it", Optional.empty()));
            assertTrue(unfit.getMessage().contains("school oak"), unfit.getMessage());
            assertEquals(trustBefore, world.policies.current().change().version(), "the trust change was refused");

            Policies.Outcome removed = world.lists.removeFile(world.oak.id(), first, "school.txt", "oak-it",
                    Optional.of("back to the trust's lists"));
            assertEquals(world.policies.effective(Optional.empty()),
                    world.lists.effective(world.oak.id()).forGroup(Optional.empty()));
            assertNotEquals(first, removed.current().version());
            assertThrows(NoSuchGroup.class, () -> world.lists.removeFile(world.oak.id(),
                    removed.current().version(), "groups/none.txt", "oak-it", Optional.empty()));
        }
    }

    private static long count(Database database, String sql) {
        return database.withConnection(connection -> {
            try (var statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /** A console's lists over one database: the trust's seeded with the shipped lists, schools main and oak. */
    private static final class World {
        final PolicyRepository repository;
        final Policies policies;
        final SchoolPolicies lists;
        final School main;
        final School oak;

        World(Database database) {
            AuditLog audit = new AuditLog(database, CLOCK);
            repository = new PolicyRepository(database, CLOCK);
            policies = new Policies(repository, audit, database);
            policies.seedIfEmpty(WordlistBundle.defaults());
            SchoolRepository schoolRepository = new SchoolRepository(database, CLOCK);
            Schools schools = new Schools(schoolRepository, audit, database);
            main = schools.byCode("main");
            oak = schools.create("admin", "oak", "Oak Academy");
            lists = new SchoolPolicies(policies, repository, schoolRepository, audit, database);
        }
    }
}
