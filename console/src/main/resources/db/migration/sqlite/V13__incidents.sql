-- Incidents (issue 10): a DSL links several captures (one pupil or several) into one concern and triages them
-- together. An incident follows the captures' lifecycle (New -> In review -> Escalated / No further action / False
-- positive; Escalated -> Closed with an outcome and who it was escalated to; Closed is final).

CREATE TABLE incidents (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    title             TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    created_by        TEXT    NOT NULL,
    created_at        INTEGER NOT NULL,
    status            TEXT    NOT NULL DEFAULT 'NEW' CHECK (status IN ('NEW', 'IN_REVIEW', 'ESCALATED',
        'NO_FURTHER_ACTION', 'FALSE_POSITIVE', 'CLOSED')),
    status_changed_at INTEGER,
    outcome           TEXT CHECK (outcome IS NULL OR outcome IN ('SOCIAL_CARE', 'POLICE', 'PREVENT', 'CEOP',
        'EARLY_HELP', 'PARENTS_INFORMED', 'PASTORAL_SUPPORT', 'NO_FURTHER_ACTION')),
    escalated_to      TEXT CHECK (escalated_to IS NULL OR length(escalated_to) <= 200),
    closed_by         TEXT,
    closed_at         INTEGER
);
CREATE INDEX incidents_by_status ON incidents (status, id DESC);

-- Membership: the capture is the key, so a capture belongs to at most one incident (one concern, one outcome).
CREATE TABLE incident_captures (
    capture_id  INTEGER PRIMARY KEY REFERENCES captures (id),
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    added_by    TEXT    NOT NULL,
    added_at    INTEGER NOT NULL
);
CREATE INDEX incident_captures_by_incident ON incident_captures (incident_id, capture_id);

CREATE TABLE incident_notes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id INTEGER NOT NULL REFERENCES incidents (id),
    author      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    body        TEXT    NOT NULL
);
CREATE INDEX incident_notes_by_incident ON incident_notes (incident_id, created_at);

-- As for captures: closed only with an outcome, and closed is final, whatever the code path.
CREATE TRIGGER incidents_closed_needs_outcome BEFORE UPDATE OF status ON incidents
WHEN NEW.status = 'CLOSED' AND (NEW.outcome IS NULL OR NEW.escalated_to IS NULL OR NEW.closed_by IS NULL
    OR NEW.closed_at IS NULL)
BEGIN
    SELECT RAISE(ABORT, 'an incident is closed only with an outcome and who it was escalated to');
END;
CREATE TRIGGER incidents_closed_is_final BEFORE UPDATE ON incidents
WHEN OLD.status = 'CLOSED'
BEGIN
    SELECT RAISE(ABORT, 'a closed incident is final');
END;

-- Membership is a record of what the DSL linked: never rewritten, and a closed incident takes no more. (No console
-- path removes a member; deletes are left to the retention purge, as for capture notes.)
CREATE TRIGGER incident_captures_no_update BEFORE UPDATE ON incident_captures
BEGIN
    SELECT RAISE(ABORT, 'incident membership is append-only');
END;
CREATE TRIGGER incident_captures_not_into_closed BEFORE INSERT ON incident_captures
WHEN (SELECT status FROM incidents WHERE id = NEW.incident_id) = 'CLOSED'
BEGIN
    SELECT RAISE(ABORT, 'a closed incident is final');
END;
CREATE TRIGGER incident_notes_no_update BEFORE UPDATE ON incident_notes
BEGIN
    SELECT RAISE(ABORT, 'notes are append-only');
END;
