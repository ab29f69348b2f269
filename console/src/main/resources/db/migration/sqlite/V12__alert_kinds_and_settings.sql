-- Alerts that are not about one new capture (issue 10): escalation of an unopened capture, an email to an assignee,
-- the morning digest and IT's device alerts go through the same outbox, so they are as durable, retried and
-- visible as the capture alerts (ADR 0101).
--
-- kind        CAPTURE (a new capture, as before), ESCALATION (not opened in time), ASSIGNMENT (assigned to the
--             recipient): each about one capture, its message composed when sent from the capture's facts, with the
--             optional headline in `subject`; DIGEST and IT: about many captures or devices, no capture_id, their
--             `subject` and `body` composed when queued (never typed text, context or screenshots).
-- dedupe_key  what makes an alert the same alert: queuing it twice (a scheduler that runs again after a restart)
--             adds nothing. CAPTURE: the capture id; the others choose theirs (capture and round, a date, …).
-- SQLite cannot change constraints, so the table is rebuilt with its rows and ids kept.

CREATE TABLE alert_outbox_v12 (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id        TEXT    NOT NULL UNIQUE,
    kind            TEXT    NOT NULL CHECK (kind IN ('CAPTURE', 'ESCALATION', 'ASSIGNMENT', 'DIGEST', 'IT')),
    dedupe_key      TEXT    NOT NULL,
    capture_id      INTEGER REFERENCES captures (id),
    channel         TEXT    NOT NULL CHECK (channel IN ('EMAIL', 'WEBHOOK')),
    user_id         INTEGER REFERENCES users (id),
    recipient       TEXT    NOT NULL,
    subject         TEXT,
    body            TEXT,
    created_at      INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_attempt_at INTEGER,
    last_error      TEXT,
    delivered_at    INTEGER,
    UNIQUE (kind, dedupe_key, channel, recipient),
    CHECK ((kind IN ('DIGEST', 'IT')) = (capture_id IS NULL)),
    CHECK (capture_id IS NOT NULL OR (subject IS NOT NULL AND body IS NOT NULL))
);

INSERT INTO alert_outbox_v12 (id, alert_id, kind, dedupe_key, capture_id, channel, user_id, recipient, created_at,
                              next_attempt_at, attempts, last_attempt_at, last_error, delivered_at)
SELECT id, alert_id, 'CAPTURE', CAST(capture_id AS TEXT), capture_id, channel, user_id, recipient, created_at,
       next_attempt_at, attempts, last_attempt_at, last_error, delivered_at
FROM alert_outbox;

DROP TABLE alert_outbox;
ALTER TABLE alert_outbox_v12 RENAME TO alert_outbox;

CREATE INDEX alert_outbox_due ON alert_outbox (channel, next_attempt_at) WHERE delivered_at IS NULL;
CREATE INDEX alert_outbox_capture ON alert_outbox (capture_id);

-- The school's settings that a DSL or IT changes in the console (time zone, alert timings, mail server when not
-- set by the environment…): one row per key, absent = the default. Every change is audit-logged with the old and
-- new value by the service that makes it.
CREATE TABLE school_settings (
    key        TEXT    PRIMARY KEY,
    value      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT    NOT NULL
);
