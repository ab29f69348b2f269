package org.vigil.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.cli.AuditCommand;
import org.vigil.console.store.AuditHash;
import org.vigil.console.store.sqlite.SqliteBackend;

/**
 * The audit log's hash chain (ADR 0141), checked by {@code audit verify} on a real console database that a test
 * changes by hand, as someone holding the file could: the triggers that keep the log append-only are dropped
 * first, as they would be.
 */
class AuditChainTest {

    @TempDir
    Path dataDir;

    @BeforeEach
    void fiveEntries() {
        try (ConsoleServices console = ConsoleServices.over(ConsoleHome.openOrCreate(dataDir), Clock.systemUTC())) {
            console.audit().record("dsl", "capture.view", "capture:1");
            console.audit().record("dsl", "capture.screenshot.view", "capture:1", "disclosure in the context");
            console.audit().record("it", "device.revoke", "device:abc", "laptop lost");
            console.audit().record("dsl", "capture.status", "capture:1", "NEW -> ESCALATED");
            console.audit().record("dsl", "capture.note", "capture:1");
        }
    }

    @Test
    void anUntouchedLogIsIntactAndItsHeadIsPrinted() {
        AuditCommand.Outcome outcome = verify();
        long entries = Db.count(dataDir, "SELECT count(*) FROM audit_log");
        long newest = Db.count(dataDir, "SELECT max(id) FROM audit_log");
        assertEquals(0, outcome.exitStatus(), outcome.text());
        assertTrue(outcome.text().startsWith("audit log intact: " + entries + " entries checked, the newest is entry "
                + newest), outcome.text());
        assertTrue(outcome.text().contains("chain head: entry " + newest + " "
                + Db.text(dataDir, "SELECT hash FROM audit_log WHERE id = ?", newest)), outcome.text());
        assertEquals(0, Db.count(dataDir, "SELECT count(*) FROM audit_log WHERE hash IS NULL"));
    }

    @Test
    void theConsoleItselfStillCannotChangeOrRemoveAnEntry() {
        assertTrue(Db.tryUpdate(dataDir, "UPDATE audit_log SET actor = 'x' WHERE action = 'device.revoke'")
                .contains("append-only"));
        assertTrue(Db.tryUpdate(dataDir, "UPDATE audit_log SET hash = 'x' WHERE action = 'device.revoke'")
                .contains("append-only"));
        assertTrue(Db.tryUpdate(dataDir, "DELETE FROM audit_log WHERE action = 'device.revoke'")
                .contains("append-only"));
    }

    @Test
    void anActorChangedByHandIsNamedAsTheFirstBrokenEntry() {
        long revoke = entry("device.revoke");
        tamper("UPDATE audit_log SET actor = 'someone-else' WHERE id = " + revoke);

        AuditCommand.Outcome outcome = verify();

        assertEquals(AuditCommand.BROKEN, outcome.exitStatus());
        assertTrue(outcome.text().startsWith("audit log broken at entry " + revoke + " ("), outcome.text());
        assertTrue(outcome.text().contains("someone-else, device.revoke): its time, actor, action or target was"
                + " changed after it was written"), outcome.text());
    }

    @Test
    void aChangedDetailIsFound() {
        long justification = entry("capture.screenshot.view");
        tamper("UPDATE audit_log SET detail = 'routine check' WHERE id = " + justification);

        assertBrokenAt(justification, "its detail was changed after it was written");
    }

    @Test
    void anEntryRemovedFromTheMiddleBreaksTheOneAfterIt() {
        long revoke = entry("device.revoke");
        long status = entry("capture.status");
        tamper("DELETE FROM audit_log WHERE id = " + revoke);

        assertBrokenAt(status, "it does not follow entry " + entry("capture.screenshot.view")
                + ": an entry between them was removed or added");
    }

    @Test
    void entriesRemovedFromTheEndAreFoundThroughTheHead() {
        long status = entry("capture.status");
        tamper("DELETE FROM audit_log WHERE id > " + status);

        AuditCommand.Outcome outcome = verify();

        assertEquals(AuditCommand.BROKEN, outcome.exitStatus());
        assertTrue(outcome.text().contains("entries after entry " + status + " were removed: the chain's head is entry "
                + (status + 1)), outcome.text());
    }

    @Test
    void anEntryWrittenAroundTheConsoleIsNeverSealedAndIsNamed() {
        assertNull(Db.tryUpdate(dataDir, "INSERT INTO audit_log (occurred_at, actor, action, target)"
                + " VALUES (0, 'forger', 'capture.view', 'capture:1')"));
        long forged = entry("capture.view", "forger");
        // the console starting again does not seal it, and what it writes next is chained past it
        try (ConsoleServices console = ConsoleServices.open(dataDir, Clock.systemUTC())) {
            console.audit().record("dsl", "capture.view", "capture:2");
        }

        assertBrokenAt(forged, "it was never sealed into the chain (written around the console)");
    }

    @Test
    void entriesFromBeforeTheChainAreSealedOnceAtTheFirstStartAfterTheUpgrade(@TempDir Path older) {
        // a console from before the chain (V24), with entries in its log
        Flyway.configure().dataSource(SqliteBackend.file(older.resolve("vigil.db")).dataSource())
                .locations("classpath:db/migration/sqlite").target(MigrationVersion.fromVersion("18")).load()
                .migrate();
        for (String action : List.of("login", "capture.view", "capture.note")) {
            assertNull(Db.tryUpdate(older, "INSERT INTO audit_log (occurred_at, actor, action, target, detail)"
                    + " VALUES (1700000000000, 'dsl', '" + action + "', 'capture:9', 'before the upgrade')"));
        }

        try (ConsoleServices console = ConsoleServices.open(older, Clock.systemUTC())) {
            console.audit().record("dsl", "capture.view", "capture:3");
        }

        AuditCommand.Outcome outcome = AuditCommand.run(List.of("verify", "--data", older.toString()),
                Clock.systemUTC());
        assertEquals(0, outcome.exitStatus(), outcome.text());
        assertTrue(outcome.text().startsWith("audit log intact: " + Db.count(older, "SELECT count(*) FROM audit_log")
                + " entries checked"), outcome.text());
        assertEquals(0, Db.count(older, "SELECT count(*) FROM audit_log WHERE hash IS NULL"));
        assertEquals(AuditHash.GENESIS, Db.text(older, "SELECT prev_hash FROM audit_log ORDER BY id LIMIT 1"),
                "the oldest entry from before the upgrade starts the chain");
    }

    private void assertBrokenAt(long id, String why) {
        AuditCommand.Outcome outcome = verify();
        assertEquals(AuditCommand.BROKEN, outcome.exitStatus(), outcome.text());
        assertTrue(outcome.text().startsWith("audit log broken at entry " + id + " ("), outcome.text());
        assertTrue(outcome.text().strip().endsWith(why), outcome.text());
    }

    private AuditCommand.Outcome verify() {
        return AuditCommand.run(List.of("verify", "--data", dataDir.toString()), Clock.systemUTC());
    }

    private long entry(String action) {
        return Db.count(dataDir, "SELECT min(id) FROM audit_log WHERE action = ?", action);
    }

    private long entry(String action, String actor) {
        return Db.count(dataDir, "SELECT min(id) FROM audit_log WHERE action = ? AND actor = ?", action, actor);
    }

    /** Changes the file as an outsider holding it would: without the triggers that refuse the change. */
    private void tamper(String... statements) {
        for (String sql : List.of("DROP TRIGGER IF EXISTS audit_log_no_update",
                "DROP TRIGGER IF EXISTS audit_log_no_delete", "DROP TRIGGER IF EXISTS audit_chain_head_no_delete")) {
            assertNull(Db.tryUpdate(dataDir, sql));
        }
        for (String sql : statements) {
            assertNull(Db.tryUpdate(dataDir, sql), sql);
        }
    }
}
