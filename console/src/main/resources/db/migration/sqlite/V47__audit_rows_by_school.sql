-- The audit log per school (issue 17, ADR 0197): which schools an audit entry is about, so a school's DSL reads
-- their school's rows. Kept beside audit_log, not in it: the hash chain (ADR 0141) and its entries stay exactly as
-- they were, and an entry about two schools (an incident across a trust) is listed for both. Written with the entry,
-- in its transaction, from what its target names (a capture, device, incident, pupil or school).
CREATE TABLE audit_log_schools (
    school_id INTEGER NOT NULL,
    audit_id  INTEGER NOT NULL,
    PRIMARY KEY (school_id, audit_id)
);
CREATE INDEX audit_log_schools_by_entry ON audit_log_schools (audit_id);

-- Entries written before: the same rule, applied once, through the target index of audit_log (V25).
INSERT INTO audit_log_schools (school_id, audit_id)
SELECT DISTINCT c.school_id, a.id FROM captures c JOIN audit_log a ON a.target = 'capture:' || c.id
UNION
SELECT DISTINCT d.school_id, a.id FROM devices d JOIN audit_log a ON a.target = 'device:' || d.id
UNION
SELECT DISTINCT p.school_id, a.id FROM pupils p JOIN audit_log a ON a.target = 'pupil:' || p.login
UNION
SELECT DISTINCT s.id, a.id FROM schools s JOIN audit_log a ON a.target = 'school:' || s.code
UNION
SELECT DISTINCT s.id, a.id FROM schools s JOIN audit_log a ON a.target = 'school:' || s.id
UNION
SELECT DISTINCT c.school_id, a.id FROM incident_captures m JOIN captures c ON c.id = m.capture_id
    JOIN audit_log a ON a.target = 'incident:' || m.incident_id;

-- As append-only as the entries it is about: removed only with them, by the audit log's retention.
CREATE TRIGGER audit_log_schools_no_update BEFORE UPDATE ON audit_log_schools
BEGIN
    SELECT RAISE(ABORT, 'audit_log_schools is append-only');
END;
CREATE TRIGGER audit_log_schools_no_delete BEFORE DELETE ON audit_log_schools
WHEN OLD.audit_id > COALESCE((SELECT removed_through FROM audit_chain_tail WHERE id = 1), 0)
BEGIN
    SELECT RAISE(ABORT, 'audit_log_schools is append-only');
END;
