-- Exception proposals per school (issue 17, ADR 0199), PostgreSQL twin: the capture's school, else the first school;
-- one proposal per phrase per entry per school; the school is part of what never changes.
ALTER TABLE exception_proposals ADD COLUMN school_id BIGINT REFERENCES schools (id);
UPDATE exception_proposals p SET school_id = COALESCE((SELECT c.school_id FROM captures c WHERE c.id = p.capture_id), 1);
ALTER TABLE exception_proposals ALTER COLUMN school_id SET NOT NULL;
ALTER TABLE exception_proposals DROP CONSTRAINT exception_proposals_category_term_match_mode_phrase_key;
ALTER TABLE exception_proposals ADD CONSTRAINT exception_proposals_per_school_key
    UNIQUE (school_id, category, term, match_mode, phrase);
DROP INDEX exception_proposals_by_status;
CREATE INDEX exception_proposals_by_status ON exception_proposals (school_id, status, proposed_at);

DROP TRIGGER exception_proposals_decided_once ON exception_proposals;
CREATE TRIGGER exception_proposals_decided_once BEFORE UPDATE ON exception_proposals
FOR EACH ROW
WHEN (NEW.category IS DISTINCT FROM OLD.category OR NEW.term IS DISTINCT FROM OLD.term
    OR NEW.match_mode IS DISTINCT FROM OLD.match_mode OR NEW.severity IS DISTINCT FROM OLD.severity
    OR NEW.phrase IS DISTINCT FROM OLD.phrase OR NEW.proposed_by IS DISTINCT FROM OLD.proposed_by
    OR NEW.proposed_at IS DISTINCT FROM OLD.proposed_at OR NEW.school_id IS DISTINCT FROM OLD.school_id
    OR (NEW.capture_id IS DISTINCT FROM OLD.capture_id AND NEW.capture_id IS NOT NULL)
    OR (OLD.status <> 'PROPOSED' AND (NEW.status IS DISTINCT FROM OLD.status
        OR NEW.decided_by IS DISTINCT FROM OLD.decided_by OR NEW.decided_at IS DISTINCT FROM OLD.decided_at
        OR NEW.policy_version IS DISTINCT FROM OLD.policy_version OR NEW.note IS DISTINCT FROM OLD.note)))
EXECUTE FUNCTION vigil_refuse('an exception proposal is decided once and what was proposed never changes');
