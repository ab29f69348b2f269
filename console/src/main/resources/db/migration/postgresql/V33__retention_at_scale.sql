-- Retention at a million captures (issue 14, ADR 0144), PostgreSQL twin: the same two indexes.
-- The screenshots-only pass reads decided captures that still have a screenshot, oldest decision first.
CREATE INDEX captures_screenshot_due ON captures (status, status_changed_at) WHERE screenshot_sha256 IS NOT NULL;
-- exception_proposals.capture_id references captures (ON DELETE SET NULL): indexed so deleting a capture does not
-- read the whole table.
CREATE INDEX exception_proposals_by_capture ON exception_proposals (capture_id);
