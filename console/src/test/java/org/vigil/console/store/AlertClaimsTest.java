package org.vigil.console.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.vigil.testing.SettableClock;

/**
 * Alert claims (V37, ADR 0173) on both databases: one claimant at a time, even when eight race for one alert; a
 * claim hides the alert from {@code due} until it expires or the send is marked; an alert waiting out a backoff
 * cannot be claimed early.
 */
class AlertClaimsTest {
    private static final Duration LEASE = Duration.ofMinutes(2);
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T12:00:00Z"));
    private Database database;
    private AlertRepository alerts;

    @BeforeEach
    void open(StoreUnderTest store) throws SQLException {
        database = store.open();
        alerts = new AlertRepository(database, clock);
        OneAlertableCapture.seed(database);
        alerts.insert(List.of(NewAlert.email("a1", 42, 7, "dsl@trust.example"),
                NewAlert.email("a2", 42, 7, "deputy@trust.example")));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @OnBothStores
    void aClaimedAlertIsNotDueToOthersUntilItsLeaseExpires() {
        assertTrue(alerts.claim("a1", "c-one", clock.instant().plus(LEASE)));
        assertFalse(alerts.claim("a1", "c-two", clock.instant().plus(LEASE)), "one claimant at a time");
        assertEquals(List.of("a2"), dueIds(), "a claimed alert is no one else's to send");

        clock.advance(LEASE.minusSeconds(1));
        assertFalse(alerts.claim("a1", "c-two", clock.instant().plus(LEASE)));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of("a1", "a2"), dueIds(), "the claim of an instance that died has expired");
        assertTrue(alerts.claim("a1", "c-two", clock.instant().plus(LEASE)));
    }

    @OnBothStores
    void markingTheSendReleasesTheClaimAndADeliveredOrWaitingAlertCannotBeClaimed() {
        assertTrue(alerts.claim("a1", "c-one", clock.instant().plus(LEASE)));
        alerts.markDelivered("a1");
        assertFalse(alerts.claim("a1", "c-two", clock.instant().plus(LEASE)), "delivered: nothing to claim");

        assertTrue(alerts.claim("a2", "c-one", clock.instant().plus(LEASE)));
        alerts.markFailed("a2", "mail server down", clock.instant().plus(Duration.ofSeconds(10)));
        assertEquals(List.of(), dueIds());
        assertFalse(alerts.claim("a2", "c-two", clock.instant().plus(LEASE)), "not before its backoff is over");
        clock.advance(Duration.ofSeconds(10));
        assertTrue(alerts.claim("a2", "c-two", clock.instant().plus(LEASE)), "the failed send released it");
    }

    @OnBothStores
    void eightInstancesRacingForOneAlertLeaveOneClaimant() throws Exception {
        ExecutorService racers = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String instance = "c-" + i;
                claims.add(() -> alerts.claim("a1", instance, clock.instant().plus(LEASE)));
            }
            int won = 0;
            for (Future<Boolean> claim : racers.invokeAll(claims)) {
                won += claim.get() ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            racers.shutdownNow();
        }
    }

    @OnBothStores
    void releasingEveryClaimMakesThemDueAtOnce() {
        assertTrue(alerts.claim("a1", "single-console", clock.instant().plus(LEASE)));
        assertEquals(1, alerts.releaseAllClaims());
        assertEquals(List.of("a1", "a2"), dueIds());
    }

    private List<String> dueIds() {
        return alerts.due(AlertChannel.EMAIL, 10).stream().map(PendingAlert::alertId).toList();
    }
}
