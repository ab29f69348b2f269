package org.vigil.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.console.store.Database;
import org.vigil.console.store.OnBothStores;
import org.vigil.console.store.StoreUnderTest;
import org.vigil.console.store.SessionRepository;
import org.vigil.console.store.UserRepository;
import org.vigil.testing.SettableClock;

class SessionTimeoutsTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T08:00:00Z"));
    @TempDir
    Path dir;
    private Database database;
    private Sessions sessions;

    @BeforeEach
    void openDatabaseWithAUser(StoreUnderTest store) {
        database = store.open();
        new UserRepository(database, clock).createIfAbsent("dsl", "hash", "DSL", false, false, Optional.empty());
        sessions = new Sessions(new SessionRepository(database), clock, new SessionTimeouts(Duration.ofMinutes(30),
                Duration.ofHours(2)));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @OnBothStores
    void peekingNeverCountsAsUseSoAnIdleSessionEndsEvenIfALiveQueueWatchesIt() {
        Session session = sessions.create(1, "dsl", Role.DSL, false, false);
        for (int minute = 0; minute < 30; minute += 5) {
            clock.advance(Duration.ofMinutes(5));
            assertTrue(sessions.peek(session.id()).isPresent());
        }
        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), sessions.peek(session.id()));
        assertEquals(SessionState.IDLE, sessions.state(session.id()));
        assertEquals(Optional.empty(), sessions.find(session.id()));
        assertEquals(SessionState.ENDED, sessions.state(session.id()), "find removed it");
    }

    @OnBothStores
    void useKeepsASessionOnlyUntilItsAbsoluteLimit() {
        Session session = sessions.create(1, "dsl", Role.DSL, false, false);
        for (int minute = 0; minute < 100; minute += 20) {
            clock.advance(Duration.ofMinutes(20));
            assertTrue(sessions.find(session.id()).isPresent());
        }
        assertEquals(Duration.ofMinutes(20), sessions.remaining(sessions.peek(session.id()).orElseThrow()),
                "the absolute limit is nearer than the idle one");
        clock.advance(Duration.ofMinutes(20));
        assertEquals(SessionState.EXPIRED, sessions.state(session.id()));
        assertEquals(Optional.empty(), sessions.find(session.id()));
    }

    @OnBothStores
    void signingOutEndsIt() {
        Session session = sessions.create(1, "dsl", Role.DSL, false, false);
        sessions.end(session.id());
        assertEquals(SessionState.ENDED, sessions.state(session.id()));
    }

    @OnBothStores
    void aSessionEndsWhenItsUserIsDisabledAndTheRowsOfExpiredSessionsArePurged() {
        Session session = sessions.create(1, "dsl", Role.DSL, false, false);
        new UserRepository(database, clock).setDisabled(1, true);
        assertEquals(Optional.empty(), sessions.find(session.id()));
        new UserRepository(database, clock).setDisabled(1, false);
        clock.advance(Duration.ofHours(3));
        sessions.create(1, "dsl", Role.DSL, false, false);
        assertEquals(Integer.valueOf(1), database.withConnection(connection -> {
            try (var rows = connection.createStatement().executeQuery("SELECT count(*) FROM web_sessions")) {
                rows.next();
                return rows.getInt(1);
            }
        }), "the expired session's row is gone");
    }

    @OnBothStores
    void anAbsoluteLimitShorterThanTheIdleOneIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new SessionTimeouts(Duration.ofHours(1), Duration.ofMinutes(30)));
    }
}
