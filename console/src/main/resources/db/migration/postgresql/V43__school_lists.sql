-- Lists per school (issue 17, ADR 0193), PostgreSQL twin: a change log row with no school is the trust's.
ALTER TABLE policy_changes ADD COLUMN school_id BIGINT REFERENCES schools (id);

CREATE INDEX policy_changes_by_school ON policy_changes (school_id, id);
