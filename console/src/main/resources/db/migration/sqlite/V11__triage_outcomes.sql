-- Triage that closes a case (issue 10): an escalated capture is closed with an outcome and who it was escalated to.

ALTER TABLE captures ADD COLUMN outcome TEXT CHECK (outcome IS NULL OR outcome IN ('SOCIAL_CARE', 'POLICE', 'PREVENT',
    'CEOP', 'EARLY_HELP', 'PARENTS_INFORMED', 'PASTORAL_SUPPORT', 'NO_FURTHER_ACTION'));
ALTER TABLE captures ADD COLUMN escalated_to TEXT CHECK (escalated_to IS NULL OR length(escalated_to) <= 200);
ALTER TABLE captures ADD COLUMN closed_by TEXT;
ALTER TABLE captures ADD COLUMN closed_at INTEGER;

-- A capture is closed only with its outcome, and a closed capture stays closed with the outcome it was given: no
-- code path, present or future, can reopen it or rewrite what was recorded.
CREATE TRIGGER captures_closed_needs_outcome BEFORE UPDATE OF status ON captures
WHEN NEW.status = 'CLOSED' AND (NEW.outcome IS NULL OR NEW.escalated_to IS NULL OR NEW.closed_by IS NULL
    OR NEW.closed_at IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'a capture is closed only with an outcome and who it was escalated to');
END;
CREATE TRIGGER captures_closed_is_final BEFORE UPDATE OF status, outcome, escalated_to, closed_by, closed_at ON captures
WHEN OLD.status = 'CLOSED' AND (NEW.status IS NOT OLD.status OR NEW.outcome IS NOT OLD.outcome
    OR NEW.escalated_to IS NOT OLD.escalated_to OR NEW.closed_by IS NOT OLD.closed_by
    OR NEW.closed_at IS NOT OLD.closed_at)
BEGIN
    SELECT RAISE(ABORT, 'a closed capture is final');
END;

-- "Assigned to me": the DSL's captures straight off an index in queue order.
CREATE INDEX captures_queue_by_assignee ON captures (assigned_to, severity DESC, occurred_at DESC, id DESC);
