-- Retention at a million captures (issue 14, ADR 0144); both indexes were found by reading the purge's query plans.
-- The screenshots-only pass reads decided captures that still have a screenshot, oldest decision first. Through
-- captures_decided it also walked every capture whose screenshot was already removed (no further action keeps the
-- capture 365 days, its screenshot 90), on every batch of every run; this partial index holds only those with one.
CREATE INDEX captures_screenshot_due ON captures (status, status_changed_at) WHERE screenshot_sha256 IS NOT NULL;
-- exception_proposals.capture_id references captures (ON DELETE SET NULL): without an index SQLite's foreign-key
-- check read the whole table for every capture deleted.
CREATE INDEX exception_proposals_by_capture ON exception_proposals (capture_id);
