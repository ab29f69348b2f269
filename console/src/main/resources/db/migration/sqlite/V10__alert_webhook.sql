-- Alerts by webhook (issue 10, ADR 0101): the outbox gets a second channel. A WEBHOOK row is one per alerting
-- capture, with no user and the recipient 'webhook' (the URL is configuration and may hold a Teams or Slack token, so
-- it is not stored); EMAIL rows are as before, one per DSL address. SQLite cannot change a CHECK constraint, so the
-- table is rebuilt with its rows, ids and index kept.

CREATE TABLE alert_outbox_v10 (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id        TEXT    NOT NULL UNIQUE,
    capture_id      INTEGER NOT NULL REFERENCES captures (id),
    channel         TEXT    NOT NULL CHECK (channel IN ('EMAIL', 'WEBHOOK')),
    user_id         INTEGER REFERENCES users (id),
    recipient       TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_attempt_at INTEGER,
    last_error      TEXT,
    delivered_at    INTEGER,
    UNIQUE (capture_id, channel, recipient)
);

INSERT INTO alert_outbox_v10 (id, alert_id, capture_id, channel, user_id, recipient, created_at, next_attempt_at,
                              attempts, last_attempt_at, last_error, delivered_at)
SELECT id, alert_id, capture_id, channel, user_id, recipient, created_at, next_attempt_at, attempts, last_attempt_at,
       last_error, delivered_at
FROM alert_outbox;

DROP TABLE alert_outbox;
ALTER TABLE alert_outbox_v10 RENAME TO alert_outbox;

CREATE INDEX alert_outbox_due ON alert_outbox (channel, next_attempt_at) WHERE delivered_at IS NULL;
