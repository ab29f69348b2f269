-- "Delete now" for a capture recorded in error (ADR 0142). Severity 1-3: one DSL deletes it with a reason.
-- Severity 4-5: one DSL asks, with a reason, and a second DSL confirms; the request is kept after the capture is
-- gone (without its text), as the record of who asked and who confirmed.
CREATE TABLE capture_deletions (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    capture_id    INTEGER NOT NULL,
    severity      INTEGER NOT NULL,
    category      TEXT    NOT NULL,
    reason        TEXT    NOT NULL,
    requested_by  TEXT    NOT NULL,
    requested_at  INTEGER NOT NULL,
    confirmed_by  TEXT,
    confirmed_at  INTEGER,
    CHECK (confirmed_by IS NULL OR confirmed_by <> requested_by OR severity <= 3)
);
CREATE UNIQUE INDEX capture_deletions_pending ON capture_deletions (capture_id) WHERE confirmed_at IS NULL;
