package org.vigil.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The outbox's kinds (V12) over a real SQLite file: queued once per dedupe key, read back with what makes them. */
class AlertOutboxKindsTest {
    @TempDir
    Path dir;
    private Database database;
    private AlertRepository alerts;

    @BeforeEach
    void open(StoreUnderTest store) throws SQLException {
        database = store.open();
        alerts = new AlertRepository(database, Clock.systemUTC());
        OneAlertableCapture.seed(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @OnBothStores
    void theSameAlertQueuedTwiceIsKeptOnce() {
        NewAlert first = NewAlert.aboutCapture("a1", AlertKind.ESCALATION, "42:1", 42, 7, "dsl@school.example",
                Optional.of("Not opened after 15 minutes"));
        NewAlert again = NewAlert.aboutCapture("a2", AlertKind.ESCALATION, "42:1", 42, 7, "dsl@school.example",
                Optional.of("Not opened after 15 minutes"));
        NewAlert nextRound = NewAlert.aboutCapture("a3", AlertKind.ESCALATION, "42:2", 42, 7, "dsl@school.example",
                Optional.of("Not opened after 30 minutes"));

        assertEquals(1, alerts.insert(List.of(first)));
        assertEquals(1, alerts.insert(List.of(again, nextRound)));

        List<PendingAlert> due = alerts.due(AlertChannel.EMAIL, 10);
        assertEquals(List.of("a1", "a3"), due.stream().map(PendingAlert::alertId).toList());
        AlertContent.AboutCapture about = (AlertContent.AboutCapture) due.get(0).content();
        assertEquals(Optional.of("Not opened after 15 minutes"), about.headline());
        assertEquals("suicide", about.facts().category());
        assertEquals("lab-01", about.facts().hostname());
    }

    @OnBothStores
    void aComposedAlertNeedsNoCaptureAndComesBackAsComposed() {
        alerts.insert(List.of(NewAlert.composedEmail("d1", AlertKind.DIGEST, "2026-11-30", 7, "dsl@school.example",
                "Vigil: 2 captures to look at", "Two captures of severity 1-3.")));

        PendingAlert digest = alerts.due(AlertChannel.EMAIL, 10).get(0);
        assertEquals(AlertKind.DIGEST, digest.kind());
        assertEquals(new AlertContent.Composed("Vigil: 2 captures to look at", "Two captures of severity 1-3."),
                digest.content());
        assertTrue(digest.capture().isEmpty());
        assertEquals(1, alerts.backlog(AlertChannel.EMAIL).undelivered());
        assertEquals(0, alerts.backlog(AlertChannel.WEBHOOK).undelivered());
    }

    @OnBothStores
    void aKindThatNamesNoCaptureCannotBeGivenOneNorTheReverse() {
        assertThrows(IllegalArgumentException.class, () -> new NewAlert("x", AlertKind.IT, "k", Optional.of(42L),
                AlertChannel.EMAIL, Optional.of(7L), "it@school.example", Optional.of("s"), Optional.of("b")));
        assertThrows(IllegalArgumentException.class, () -> new NewAlert("x", AlertKind.ESCALATION, "k",
                Optional.empty(), AlertChannel.EMAIL, Optional.of(7L), "d@school.example", Optional.empty(),
                Optional.empty()));
    }
}
