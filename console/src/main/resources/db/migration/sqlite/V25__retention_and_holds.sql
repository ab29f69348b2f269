-- Retention, legal hold and the audit log's own retention (ADR 0142).
-- captures.exported_at  when a case export last included the capture: a closed case is purged only a set time
--                       after it was exported to the school's case-management system, never before.
-- captures.screenshot_purged_at  when retention removed the screenshot of a decided capture before the capture.
-- legal_holds           a hold on one capture, one incident (its captures) or one pupil (every capture under that
--                       OS login): held data is never purged or deleted until the hold is lifted, with a reason.
ALTER TABLE captures ADD COLUMN exported_at INTEGER;
ALTER TABLE captures ADD COLUMN screenshot_purged_at INTEGER;

CREATE INDEX captures_decided ON captures (status, status_changed_at);
CREATE INDEX captures_by_screenshot ON captures (screenshot_sha256);
CREATE INDEX audit_log_by_target ON audit_log (target);

CREATE TABLE legal_holds (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    scope       TEXT    NOT NULL CHECK (scope IN ('CAPTURE', 'INCIDENT', 'PUPIL')),
    target      TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    placed_by   TEXT    NOT NULL,
    placed_at   INTEGER NOT NULL,
    lifted_by   TEXT,
    lifted_at   INTEGER,
    lift_reason TEXT,
    CHECK ((lifted_at IS NULL) = (lifted_by IS NULL) AND (lifted_at IS NULL) = (lift_reason IS NULL))
);
CREATE INDEX legal_holds_in_force ON legal_holds (scope, target) WHERE lifted_at IS NULL;

-- A hold is lifted once, and what it was placed for never changes.
CREATE TRIGGER legal_holds_lifted_once BEFORE UPDATE ON legal_holds
WHEN OLD.lifted_at IS NOT NULL OR NEW.scope IS NOT OLD.scope OR NEW.target IS NOT OLD.target
    OR NEW.reason IS NOT OLD.reason OR NEW.placed_by IS NOT OLD.placed_by OR NEW.placed_at IS NOT OLD.placed_at
BEGIN
    SELECT RAISE(ABORT, 'a legal hold is lifted once and what it holds never changes');
END;
CREATE TRIGGER legal_holds_no_delete BEFORE DELETE ON legal_holds
BEGIN
    SELECT RAISE(ABORT, 'legal holds are kept');
END;

-- The audit log's retention removes its oldest entries: audit_chain_tail records the hash the first entry kept must
-- follow, and how far entries were removed. Only entries up to there may be deleted.
CREATE TABLE audit_chain_tail (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    removed_through INTEGER NOT NULL,
    first_prev_hash TEXT    NOT NULL
);
DROP TRIGGER audit_log_no_delete;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN OLD.id > COALESCE((SELECT removed_through FROM audit_chain_tail WHERE id = 1), 0)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Two changes are allowed to an entry: sealing one never sealed (V24), and redacting a sealed entry's detail when
-- the capture it is about is deleted (its digest stays, so the chain still checks). Nothing else.
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (NEW.id = OLD.id AND NEW.occurred_at = OLD.occurred_at AND NEW.actor = OLD.actor
          AND NEW.action = OLD.action AND NEW.target IS OLD.target
          AND ((OLD.hash IS NULL AND NEW.hash IS NOT NULL AND NEW.detail IS OLD.detail)
               OR (OLD.hash IS NOT NULL AND NEW.hash = OLD.hash AND NEW.prev_hash = OLD.prev_hash
                   AND NEW.detail_sha256 IS OLD.detail_sha256 AND NEW.detail IS NULL)))
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
