-- Vigil console schema, version 1.
-- Times are INTEGER milliseconds since the Unix epoch (UTC): they sort and compare as numbers.

CREATE TABLE users (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('DSL', 'IT_ADMIN', 'VIEWER')),
    created_at    INTEGER NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE enrolment_tokens (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    token_sha256 TEXT    NOT NULL UNIQUE,
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    revoked_at   INTEGER,
    note         TEXT
);

CREATE TABLE devices (
    id                 TEXT    PRIMARY KEY,
    secret_sha256      TEXT    NOT NULL,
    hostname           TEXT    NOT NULL,
    os                 TEXT    NOT NULL,
    agent_version      TEXT    NOT NULL,
    os_user            TEXT    NOT NULL,
    enrolment_token_id INTEGER REFERENCES enrolment_tokens (id),
    enrolled_at        INTEGER NOT NULL,
    last_seen_at       INTEGER,
    revoked_at         INTEGER
);

CREATE TABLE captures (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id              TEXT    NOT NULL,
    device_id             TEXT    NOT NULL REFERENCES devices (id),
    seq                   INTEGER NOT NULL,
    occurred_at           INTEGER NOT NULL,
    received_at           INTEGER NOT NULL,
    os_user               TEXT    NOT NULL,
    window_title          TEXT    NOT NULL,
    app                   TEXT    NOT NULL,
    category              TEXT    NOT NULL,
    severity              INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 5),
    rule_id               TEXT    NOT NULL,
    matched_text          TEXT    NOT NULL,
    context               TEXT    NOT NULL,
    match_start           INTEGER NOT NULL,
    match_end             INTEGER NOT NULL,
    explanation           TEXT    NOT NULL,
    screenshot_sha256     TEXT,
    screenshot_media_type TEXT,
    screenshot_width      INTEGER,
    screenshot_height     INTEGER,
    status                TEXT    NOT NULL DEFAULT 'NEW'
);

CREATE UNIQUE INDEX captures_event_id ON captures (event_id);
CREATE INDEX captures_newest_first ON captures (occurred_at DESC, id DESC);
CREATE INDEX captures_device_seq ON captures (device_id, seq);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    occurred_at INTEGER NOT NULL,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    target      TEXT,
    detail      TEXT
);

CREATE INDEX audit_log_occurred_at ON audit_log (occurred_at);
