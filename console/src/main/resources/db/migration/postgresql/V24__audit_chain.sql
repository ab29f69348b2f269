-- A tamper-evident audit log (ADR 0141), PostgreSQL twin.
ALTER TABLE audit_log ADD COLUMN detail_sha256 TEXT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;

CREATE TABLE audit_chain_head (
    id        BIGINT  PRIMARY KEY CHECK (id = 1),
    last_id   BIGINT  NOT NULL,
    last_hash TEXT    NOT NULL
);

DROP TRIGGER audit_log_no_update ON audit_log;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
FOR EACH ROW
WHEN (NOT (OLD.hash IS NULL AND NEW.hash IS NOT NULL
          AND NEW.id = OLD.id AND NEW.occurred_at = OLD.occurred_at AND NEW.actor = OLD.actor
          AND NEW.action = OLD.action AND NEW.target IS NOT DISTINCT FROM OLD.target
          AND NEW.detail IS NOT DISTINCT FROM OLD.detail))
EXECUTE FUNCTION vigil_refuse('audit_log is append-only');

CREATE TRIGGER audit_chain_head_no_delete BEFORE DELETE ON audit_chain_head
    FOR EACH ROW EXECUTE FUNCTION vigil_refuse('audit_chain_head is kept');

CREATE INDEX audit_log_unsealed ON audit_log (id) WHERE hash IS NULL;
