-- Triage that closes a case (issue 10), PostgreSQL twin.

ALTER TABLE captures ADD COLUMN outcome TEXT CHECK (outcome IS NULL OR outcome IN ('SOCIAL_CARE', 'POLICE', 'PREVENT',
    'CEOP', 'EARLY_HELP', 'PARENTS_INFORMED', 'PASTORAL_SUPPORT', 'NO_FURTHER_ACTION'));
ALTER TABLE captures ADD COLUMN escalated_to TEXT CHECK (escalated_to IS NULL OR length(escalated_to) <= 200);
ALTER TABLE captures ADD COLUMN closed_by TEXT;
ALTER TABLE captures ADD COLUMN closed_at BIGINT;

CREATE TRIGGER captures_closed_needs_outcome BEFORE UPDATE OF status ON captures
FOR EACH ROW
WHEN (NEW.status = 'CLOSED' AND (NEW.outcome IS NULL OR NEW.escalated_to IS NULL OR NEW.closed_by IS NULL
    OR NEW.closed_at IS NULL))
EXECUTE FUNCTION vigil_refuse('a capture is closed only with an outcome and who it was escalated to');
CREATE TRIGGER captures_closed_is_final BEFORE UPDATE OF status, outcome, escalated_to, closed_by, closed_at
ON captures
FOR EACH ROW
WHEN (OLD.status = 'CLOSED' AND (NEW.status IS DISTINCT FROM OLD.status OR NEW.outcome IS DISTINCT FROM OLD.outcome
    OR NEW.escalated_to IS DISTINCT FROM OLD.escalated_to OR NEW.closed_by IS DISTINCT FROM OLD.closed_by
    OR NEW.closed_at IS DISTINCT FROM OLD.closed_at))
EXECUTE FUNCTION vigil_refuse('a closed capture is final');

CREATE INDEX captures_queue_by_assignee ON captures (assigned_to, severity DESC, occurred_at DESC, id DESC);
