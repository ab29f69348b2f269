-- The audit log per school (issue 17, ADR 0197), PostgreSQL twin: which schools an audit entry is about, beside
-- audit_log so the hash chain (ADR 0141) stays exactly as it was.
CREATE TABLE audit_log_schools (
    school_id BIGINT NOT NULL REFERENCES schools (id),
    audit_id  BIGINT NOT NULL,
    PRIMARY KEY (school_id, audit_id)
);
CREATE INDEX audit_log_schools_by_entry ON audit_log_schools (audit_id);

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

CREATE TRIGGER audit_log_schools_no_update BEFORE UPDATE ON audit_log_schools
    FOR EACH ROW EXECUTE FUNCTION vigil_refuse('audit_log_schools is append-only');
CREATE FUNCTION audit_log_schools_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.audit_id > COALESCE((SELECT removed_through FROM audit_chain_tail WHERE id = 1), 0) THEN
        RAISE EXCEPTION 'audit_log_schools is append-only' USING ERRCODE = 'raise_exception';
    END IF;
    RETURN OLD;
END;
$$;
CREATE TRIGGER audit_log_schools_no_delete BEFORE DELETE ON audit_log_schools
    FOR EACH ROW EXECUTE FUNCTION audit_log_schools_no_delete();
