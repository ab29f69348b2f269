package org.vigil.console.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.store.AuditLog;
import org.vigil.console.store.Database;
import org.vigil.console.store.OnBothStores;
import org.vigil.console.store.StoreUnderTest;
import org.vigil.console.store.PolicyAction;
import org.vigil.console.store.PolicyChange;
import org.vigil.console.store.PolicyRepository;
import org.vigil.console.terms.TermChange;
import org.vigil.wordlists.WordlistBundle;
import org.vigil.wordlists.WordlistFormatException;
import org.vigil.wordlists.WordlistProblems;

class PoliciesTest {
    private static final WordlistBundle FIRST = WordlistBundle.of(Map.of(
            "drugs.txt", "# drugs\n3 | weed\n4 | spice | except: spice girls\n",
            "gambling.txt", "2 | bet365\n"));

    @TempDir
    Path dir;
    private Database database;
    private AuditLog audit;
    private Policies policies;

    @BeforeEach
    void seed(StoreUnderTest store) {
        database = store.open();
        audit = new AuditLog(database, Clock.systemUTC());
        policies = new Policies(new PolicyRepository(database, Clock.systemUTC()), audit, database);
        policies.seedIfEmpty(FIRST);
    }

    @OnBothStores
    void firstStartSeedsTheGivenListsOnceAsAVersionNamedByItsContentHash() {
        policies.seedIfEmpty(WordlistBundle.defaults());
        Policies.CurrentPolicy current = policies.current();
        assertEquals(FIRST.version(), current.change().version());
        assertEquals(FIRST, current.bundle());
        assertEquals(PolicyAction.SEED, current.change().action());
        assertEquals(1, policies.changes(10).size());
    }

    @OnBothStores
    void shippedDefaultsSeedAFreshConsole() {
        Database other = Database.open(dir.resolve("other.db")); // the seeding, not the database, is under test
        Policies fresh = new Policies(new PolicyRepository(other, Clock.systemUTC()), new AuditLog(other, Clock.systemUTC()),
                other);
        fresh.seedIfEmpty(WordlistBundle.defaults());
        assertEquals(WordlistBundle.defaults().version(), fresh.current().change().version());
        assertEquals(12, fresh.current().bundle().files().size(), "eleven UKSIC categories and inappropriate-language");
    }

    @OnBothStores
    void editingACategoryPublishesANewVersionWithWhoWhenAndWhyAndTellsListeners() {
        List<String> told = new CopyOnWriteArrayList<>();
        policies.addListener((version, bundle) -> told.add(version));

        Policies.Outcome outcome = policies.editCategory("drugs", "3 | weed\n5 | ketamine\n", "it-alice",
                Optional.of("pupils use ketamine slang"));

        assertTrue(outcome.changed());
        PolicyChange change = outcome.current();
        assertEquals(PolicyAction.EDIT, change.action());
        assertEquals("it-alice", change.author());
        assertEquals(Optional.of("pupils use ketamine slang"), change.reason());
        assertEquals(Optional.of(FIRST.version()), change.previousVersion());
        assertEquals(List.of(change.version()), told);
        assertEquals("2 | bet365\n", policies.current().bundle().files().get("gambling.txt"));
        assertEquals(change.version(), policies.changes(10).get(0).version());
        assertEquals("policy.edit", audit.page(1, Long.MAX_VALUE).get(0).action());
        assertEquals("pupils use ketamine slang", audit.page(1, Long.MAX_VALUE).get(0).detail());
    }

    @OnBothStores
    void malformedEditIsRefusedWithItsLineAndChangesNothing() {
        int auditBefore = audit.page(100, Long.MAX_VALUE).size();

        WordlistFormatException refused = assertThrows(WordlistFormatException.class, () ->
                policies.editCategory("drugs", "3 | weed\n# fine\n7 | ketamine\n", "it-alice", Optional.empty()));

        assertEquals("drugs.txt", refused.source());
        assertEquals(3, refused.line());
        assertEquals(FIRST.version(), policies.current().change().version());
        assertEquals(1, policies.changes(10).size());
        assertEquals(auditBefore, audit.page(100, Long.MAX_VALUE).size());
    }

    @OnBothStores
    void malformedImportIsRefusedAndChangesNothing() {
        Map<String, String> files = Map.of("drugs.txt", "3 | weed\n", "Bad Name.txt", "3 | x\n");
        assertThrows(WordlistFormatException.class, () -> policies.importFiles(files, "it-alice", Optional.empty()));
        WordlistFormatException refused = assertThrows(WordlistFormatException.class, () -> policies.importFiles(
                Map.of("drugs.txt", "3 | weed\n3 | weed\n"), "it-alice", Optional.empty()));
        assertEquals(2, refused.line());
        assertEquals(FIRST.version(), policies.current().change().version());
        assertEquals(1, policies.changes(10).size());
    }

    @OnBothStores
    void importReplacesTheNamedCategoriesAndKeepsTheOthersUnlessTheWholePolicyIsReplaced() {
        policies.importFiles(Map.of("drugs.txt", "5 | ketamine\n", "gangs.txt", "3 | opps\n"), false, "it-alice",
                Optional.of("new slang"));
        assertEquals(Map.of("drugs.txt", "5 | ketamine\n", "gambling.txt", "2 | bet365\n", "gangs.txt", "3 | opps\n"),
                policies.current().bundle().files());
        assertEquals(PolicyAction.IMPORT, policies.current().change().action());
        assertEquals("policy.import", audit.page(1, Long.MAX_VALUE).get(0).action());

        policies.importFiles(Map.of("gangs.txt", "4 | opps\n"), true, "it-alice", Optional.empty());
        assertEquals(Map.of("gangs.txt", "4 | opps\n"), policies.current().bundle().files());
    }

    @OnBothStores
    void importKeepsGroupFilesUntouchedEvenWhenReplacingEveryCategory() {
        WordlistBundle current = WordlistBundle.of(Map.of("drugs.txt", "3 | weed\n", "gambling.txt", "2 | bet365\n",
                "groups/year7.txt", "# year 7 override\n"));
        assertEquals(Map.of("drugs.txt", "4 | spice\n", "gambling.txt", "2 | bet365\n",
                "groups/year7.txt", "# year 7 override\n"),
                Policies.imported(current, Map.of("drugs.txt", "4 | spice\n"), false).files());
        assertEquals(Map.of("drugs.txt", "4 | spice\n", "groups/year7.txt", "# year 7 override\n"),
                Policies.imported(current, Map.of("drugs.txt", "4 | spice\n"), true).files());
        assertThrows(WordlistFormatException.class, () -> policies.importFiles(
                Map.of("groups/year7.txt", "3 | x\n"), false, "it-alice", Optional.empty()));
        assertThrows(WordlistFormatException.class, () -> policies.importFiles(Map.of(), false, "it-alice",
                Optional.empty()));
    }

    @OnBothStores
    void aMalformedImportIsRefusedWithEveryProblemOfEveryFileAndChangesNothing() {
        int auditBefore = audit.page(100, Long.MAX_VALUE).size();
        WordlistProblems refused = assertThrows(WordlistProblems.class, () -> policies.importFiles(Map.of(
                "drugs.txt", "3 | weed\n0 | spice\n3 | ket\n3 | ket\n", "gangs.txt", "3 | opps | nope\n"),
                false, "it-alice", Optional.empty()));
        assertEquals(List.of("drugs.txt:2: severity must be a number from 1 to 5, got '0'",
                "drugs.txt:4: \"ket\" is already listed on line 3",
                "gangs.txt:1: the third field starts with 'except:'"), refused.lines());
        assertEquals(FIRST.version(), policies.current().change().version());
        assertEquals(1, policies.changes(10).size());
        assertEquals(auditBefore, audit.page(100, Long.MAX_VALUE).size());
    }

    @OnBothStores
    void exportingAVersionIsAuditLoggedWithItsFormat() {
        String version = policies.current().change().version();
        assertEquals(FIRST, policies.export(version, "it-alice", "zip"));
        AuditLog.AuditEntry logged = audit.page(1, Long.MAX_VALUE).get(0);
        assertEquals("policy.export", logged.action());
        assertEquals("policy:" + version, logged.target());
        assertEquals("zip", logged.detail());
        assertEquals("it-alice", logged.actor());
        assertThrows(NoSuchVersion.class, () -> policies.export("f".repeat(64), "it-alice", "csv"));
    }

    @OnBothStores
    void publishingTheTextAlreadyInForceRecordsNothing() {
        Policies.Outcome outcome = policies.importFiles(FIRST.files(), "it-alice", Optional.of("again"));
        assertFalse(outcome.changed());
        assertEquals(1, policies.changes(10).size());
    }

    @OnBothStores
    void diffListsAddedRemovedAndChangedTermsButNotCommentsOrOrder() {
        String before = policies.current().change().version();
        String after = policies.importFiles(Map.of(
                "drugs.txt", "5 | ketamine\n# moved and re-commented\n3 | spice | except: spice girls; spice rack\n",
                "gambling.txt", "2 | bet365\n"), "it-alice", Optional.empty()).current().version();

        List<TermChange> diff = policies.diff(before, after);

        assertEquals(List.of(
                new TermChange("drugs", "ketamine", TermChange.Kind.ADDED, Optional.empty(), Optional.of("5 | ketamine")),
                new TermChange("drugs", "spice", TermChange.Kind.CHANGED,
                        Optional.of("4 | spice | except: spice girls"),
                        Optional.of("3 | spice | except: spice girls; spice rack")),
                new TermChange("drugs", "weed", TermChange.Kind.REMOVED, Optional.of("3 | weed"), Optional.empty())),
                diff);
        assertEquals(List.of(), policies.diff(after, after));
        assertThrows(NoSuchVersion.class, () -> policies.diff(before, "0".repeat(64)));
    }

    @OnBothStores
    void diffListsAGroupsNewAndDroppedDirectivesAndAGroupMadeOrRemoved() {
        String first = policies.current().change().version();
        String made = policies.editGroup("ks1", "# KS1\noff gambling\n", "it-alice", Optional.empty()).current()
                .version();
        String edited = policies.editGroup("ks1", "# KS1, ages 5-7\nadd drugs | 2 | vape\noff  gambling\n", "it-alice",
                Optional.empty()).current().version();
        String removed = policies.removeGroup("ks1", "it-alice", Optional.empty()).current().version();

        assertEquals(List.of(
                new TermChange("group ks1", "(the group)", TermChange.Kind.ADDED, Optional.empty(),
                        Optional.of("group ks1")),
                new TermChange("group ks1", "off gambling", TermChange.Kind.ADDED, Optional.empty(),
                        Optional.of("off gambling"))), policies.diff(first, made));
        assertEquals(List.of(new TermChange("group ks1", "add drugs | 2 | vape", TermChange.Kind.ADDED,
                Optional.empty(), Optional.of("add drugs | 2 | vape"))), policies.diff(made, edited),
                "a new comment and spacing are not differences");
        assertEquals(TermChange.Kind.REMOVED, policies.diff(edited, removed).get(0).kind());
        assertEquals(3, policies.diff(edited, removed).size());
    }

    @OnBothStores
    void restorePublishesAnOldVersionAgainAsANewChange() {
        String first = policies.current().change().version();
        policies.editCategory("gambling", "2 | bet365\n3 | paddy power\n", "it-alice", Optional.empty());

        Policies.Outcome restored = policies.restore(first, "it-bob", Optional.of("too noisy"));

        assertTrue(restored.changed());
        assertEquals(first, policies.current().change().version());
        assertEquals(PolicyAction.RESTORE, policies.current().change().action());
        assertEquals(FIRST, policies.current().bundle());
        assertEquals(3, policies.changes(10).size());
        assertThrows(NoSuchVersion.class, () -> policies.restore("f".repeat(64), "it-bob", Optional.empty()));
    }

    @OnBothStores
    void twoEditsFromTheSameVersionMakeOneNewVersionAndOneConflict() throws Exception {
        String base = policies.current().change().version();
        CountDownLatch bothRead = new CountDownLatch(2);
        ExecutorService editors = Executors.newFixedThreadPool(2);
        try {
            List<Future<Policies.Outcome>> edits = new ArrayList<>();
            for (String term : List.of("ketamine", "mandy")) {
                edits.add(editors.submit(() -> {
                    String read = policies.current().change().version();
                    String text = policies.current().bundle().files().get("drugs.txt") + "4 | " + term + "\n";
                    bothRead.countDown();
                    bothRead.await();
                    return policies.editCategory(read, "drugs", text, "it-" + term, Optional.empty());
                }));
            }
            int published = 0;
            List<PolicyConflict> conflicts = new ArrayList<>();
            for (Future<Policies.Outcome> edit : edits) {
                try {
                    assertTrue(edit.get(30, TimeUnit.SECONDS).changed());
                    published++;
                } catch (ExecutionException e) {
                    conflicts.add(assertInstanceOf(PolicyConflict.class, e.getCause()));
                }
            }
            assertEquals(1, published);
            assertEquals(1, conflicts.size());
            PolicyChange now = policies.current().change();
            assertEquals(Optional.of(base), now.previousVersion());
            assertEquals(base, conflicts.get(0).base());
            assertEquals(now.version(), conflicts.get(0).inForce());
            assertEquals("the wordlists changed while you were editing (now version " + now.version()
                    + ", you started from " + base + "): reload and make your change again",
                    conflicts.get(0).getMessage());
            assertEquals(2, policies.changes(10).size(), "the seed and one edit");
            assertEquals(1, audit.page(100, Long.MAX_VALUE).stream()
                    .filter(entry -> entry.action().equals("policy.edit")).count());
        } finally {
            editors.shutdownNow();
        }
    }

    @OnBothStores
    void anEditFromAVersionNoLongerInForceWritesNothing() {
        String first = policies.current().change().version();
        String second = policies.editCategory("gambling", "2 | bet365\n3 | paddy power\n", "it-alice",
                Optional.empty()).current().version();
        int auditBefore = audit.page(100, Long.MAX_VALUE).size();

        PolicyConflict refused = assertThrows(PolicyConflict.class, () -> policies.editCategory(first, "drugs",
                "3 | weed\n", "it-bob", Optional.empty()));
        assertThrows(PolicyConflict.class, () -> policies.restore(first, first, "it-bob", Optional.empty()));
        assertThrows(PolicyConflict.class, () -> policies.editGroup(first, "ks1", "off gambling\n", "it-bob",
                Optional.empty()));

        assertEquals(second, refused.inForce());
        assertEquals(second, policies.current().change().version());
        assertEquals(2, policies.changes(10).size());
        assertEquals(auditBefore, audit.page(100, Long.MAX_VALUE).size());
    }

    @OnBothStores
    void storedVersionsAndTheChangeLogCannotBeRewritten() throws SQLException {
        try (Connection connection = database.connect()) {
            for (String sql : List.of("UPDATE policy_files SET content = '1 | x'", "DELETE FROM policy_versions",
                    "DELETE FROM policy_changes", "UPDATE policy_changes SET author = 'someone else'")) {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    SQLException refused = assertThrows(SQLException.class, statement::executeUpdate, sql);
                    assertTrue(refused.getMessage().contains("immutable") || refused.getMessage().contains("append-only"),
                            refused.getMessage());
                }
            }
        }
        assertEquals(FIRST, policies.current().bundle());
    }
}
