-- Exception proposals per school (issue 17, ADR 0199): a proposal belongs to its capture's school, and the same
-- phrase for the same entry is one proposal per school (a school's acceptance changes only that school's lists).
-- SQLite cannot change a UNIQUE key in place, so the table is rebuilt with every row, id and decision kept; a
-- proposal whose capture was purged goes to the first school, the only one a console had before schools.
CREATE TABLE exception_proposals_v49 (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    school_id       INTEGER NOT NULL REFERENCES schools (id),
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
    UNIQUE (school_id, category, term, match_mode, phrase)
);
INSERT INTO exception_proposals_v49 (id, school_id, capture_id, category, term, match_mode, severity, phrase,
                                     proposed_by, proposed_at, status, decided_by, decided_at, policy_version, note)
SELECT p.id, COALESCE((SELECT c.school_id FROM captures c WHERE c.id = p.capture_id), 1), p.capture_id, p.category,
       p.term, p.match_mode, p.severity, p.phrase, p.proposed_by, p.proposed_at, p.status, p.decided_by,
       p.decided_at, p.policy_version, p.note
FROM exception_proposals p;
DROP TABLE exception_proposals;
ALTER TABLE exception_proposals_v49 RENAME TO exception_proposals;
CREATE INDEX exception_proposals_by_status ON exception_proposals (school_id, status, proposed_at);
CREATE INDEX exception_proposals_by_capture ON exception_proposals (capture_id);

-- As V6: a decision is final, what was proposed (now including its school) never changes, and rows are kept.
CREATE TRIGGER exception_proposals_decided_once BEFORE UPDATE ON exception_proposals
WHEN NEW.category IS NOT OLD.category OR NEW.term IS NOT OLD.term OR NEW.match_mode IS NOT OLD.match_mode
    OR NEW.severity IS NOT OLD.severity OR NEW.phrase IS NOT OLD.phrase OR NEW.proposed_by IS NOT OLD.proposed_by
    OR NEW.proposed_at IS NOT OLD.proposed_at OR NEW.school_id IS NOT OLD.school_id
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
