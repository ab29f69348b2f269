-- Triage, roles and an append-only audit log (issue 5).

-- Users: an admin flag (who manages users) and a forced password change for one-time passwords.
ALTER TABLE users ADD COLUMN is_admin INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
UPDATE users SET is_admin = 1 WHERE username = 'admin';

-- Captures: who is working on one, and when its status last changed.
ALTER TABLE captures ADD COLUMN assigned_to INTEGER REFERENCES users (id);
ALTER TABLE captures ADD COLUMN status_changed_at INTEGER;

-- The queue is ordered by severity then time, newest first; each filter that narrows it has an index in that order
-- so a page is read straight off an index, without sorting, however many captures there are.
CREATE INDEX captures_queue ON captures (severity DESC, occurred_at DESC, id DESC);
CREATE INDEX captures_queue_by_status ON captures (status, severity DESC, occurred_at DESC, id DESC);
CREATE INDEX captures_queue_by_category ON captures (category, severity DESC, occurred_at DESC, id DESC);
CREATE INDEX captures_pupil_time ON captures (os_user, occurred_at DESC, id DESC);
CREATE INDEX captures_device_time ON captures (device_id, occurred_at DESC, id DESC);

CREATE TABLE capture_notes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    capture_id  INTEGER NOT NULL REFERENCES captures (id),
    author      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    body        TEXT    NOT NULL
);
CREATE INDEX capture_notes_by_capture ON capture_notes (capture_id, created_at);

-- A DSL's recorded reason for viewing a sensitive screenshot; the image is served to that DSL only after one exists.
CREATE TABLE screenshot_justifications (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    capture_id    INTEGER NOT NULL REFERENCES captures (id),
    user_id       INTEGER NOT NULL REFERENCES users (id),
    created_at    INTEGER NOT NULL,
    justification TEXT    NOT NULL
);
CREATE INDEX screenshot_justifications_by_capture ON screenshot_justifications (capture_id, user_id);

-- The audit log is append-only: the database itself refuses to change or remove a row.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER capture_notes_no_update BEFORE UPDATE ON capture_notes
BEGIN
    SELECT RAISE(ABORT, 'notes are append-only');
END;
CREATE TRIGGER screenshot_justifications_no_update BEFORE UPDATE ON screenshot_justifications
BEGIN
    SELECT RAISE(ABORT, 'justifications are append-only');
END;
