-- Settings per school with trust-wide defaults (issue 17, ADR 0191), PostgreSQL twin: a row with no school is the
-- trust-wide default (every row made before this migration); a school's own row overrides it for that school.
ALTER TABLE school_settings DROP CONSTRAINT school_settings_pkey;
ALTER TABLE school_settings ADD COLUMN school_id BIGINT REFERENCES schools (id);

CREATE UNIQUE INDEX school_settings_trust ON school_settings (key) WHERE school_id IS NULL;
CREATE UNIQUE INDEX school_settings_school ON school_settings (school_id, key) WHERE school_id IS NOT NULL;
