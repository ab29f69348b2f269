-- The alert outbox (issue 10, ADR 0101): one row per alert to send (a capture, a channel, a recipient), written in
-- the same transaction as the capture, so a capture is never stored without its alerts nor an alert without its
-- capture. The sender marks a row delivered once the mail server has accepted it; until then every attempt is
-- recorded with its error and the next attempt's time. Rows hold no captured text: the message is composed at
-- sending time from the capture's category, severity, time, pupil and device.

CREATE TABLE alert_outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_id        TEXT    NOT NULL UNIQUE,
    capture_id      INTEGER NOT NULL REFERENCES captures (id),
    channel         TEXT    NOT NULL CHECK (channel IN ('EMAIL')),
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

CREATE INDEX alert_outbox_due ON alert_outbox (next_attempt_at) WHERE delivered_at IS NULL;
