-- Wordlist exceptions proposed from false positives (issue 6, feedback).

-- One row per phrase per entry (category, term, match mode), whoever proposes it again. IT sees category, term,
-- phrase, who proposed it and when; never the capture (capture_id is for the DSL's audit trail and becomes NULL
-- if retention purges the capture).
CREATE TABLE exception_proposals (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    capture_id      INTEGER REFERENCES captures (id) ON DELETE SET NULL,
    category        TEXT    NOT NULL,
    term            TEXT    NOT NULL,
    match_mode      TEXT    NOT NULL,
    severity        INTEGER NOT NULL,
    phrase          TEXT    NOT NULL,
    proposed_by     TEXT    NOT NULL,
    proposed_at     INTEGER NOT NULL,
    status          TEXT    NOT NULL DEFAULT 'PROPOSED' CHECK (status IN ('PROPOSED', 'ACCEPTED', 'DISMISSED')),
    decided_by      TEXT,
    decided_at      INTEGER,
    policy_version  TEXT    REFERENCES policy_versions (version),
    note            TEXT,
    UNIQUE (category, term, match_mode, phrase)
);
CREATE INDEX exception_proposals_by_status ON exception_proposals (status, proposed_at);

-- A decision is final: a proposal leaves PROPOSED once, and what was proposed never changes. The one other change
-- allowed is the capture link becoming NULL, when retention purges the capture.
CREATE TRIGGER exception_proposals_decided_once BEFORE UPDATE ON exception_proposals
WHEN NEW.category IS NOT OLD.category OR NEW.term IS NOT OLD.term OR NEW.match_mode IS NOT OLD.match_mode
    OR NEW.severity IS NOT OLD.severity OR NEW.phrase IS NOT OLD.phrase OR NEW.proposed_by IS NOT OLD.proposed_by
    OR NEW.proposed_at IS NOT OLD.proposed_at
    OR (NEW.capture_id IS NOT OLD.capture_id AND NEW.capture_id IS NOT NULL)
    OR (OLD.status <> 'PROPOSED' AND (NEW.status IS NOT OLD.status OR NEW.decided_by IS NOT OLD.decided_by
        OR NEW.decided_at IS NOT OLD.decided_at OR NEW.policy_version IS NOT OLD.policy_version
        OR NEW.note IS NOT OLD.note))
BEGIN
    SELECT RAISE(ABORT, 'an exception proposal is decided once and what was proposed never changes');
END;
CREATE TRIGGER exception_proposals_no_delete BEFORE DELETE ON exception_proposals
BEGIN
    SELECT RAISE(ABORT, 'exception proposals are kept');
END;
