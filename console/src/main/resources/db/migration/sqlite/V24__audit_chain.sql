-- A tamper-evident audit log (ADR 0141). Each entry carries the hash of the entry before it and its own hash over
-- its fields (detail through its SHA-256, so a detail can later be redacted without breaking the chain), and
-- audit_chain_head holds the newest entry's id and hash, so removing entries from the end is seen too.
-- Entries written before this migration are sealed, oldest first, the first time the console opens after it
-- (store.AuditLog.sealEntriesFromBeforeTheChain): the chain vouches for them from that moment on.
ALTER TABLE audit_log ADD COLUMN detail_sha256 TEXT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;

CREATE TABLE audit_chain_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    last_id   INTEGER NOT NULL,
    last_hash TEXT    NOT NULL
);

-- Still append-only: the one change allowed is sealing an entry that has never been sealed, leaving every
-- recorded field as it was.
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (OLD.hash IS NULL AND NEW.hash IS NOT NULL
          AND NEW.id = OLD.id AND NEW.occurred_at = OLD.occurred_at AND NEW.actor = OLD.actor
          AND NEW.action = OLD.action AND NEW.target IS OLD.target AND NEW.detail IS OLD.detail)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
BEGIN
    SELECT RAISE(ABORT, 'audit_chain_head is kept');
END;

-- The first start after this migration looks for the entries not sealed yet; later, only tampering leaves any.
CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE hash IS NULL;
