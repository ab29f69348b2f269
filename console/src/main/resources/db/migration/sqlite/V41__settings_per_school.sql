-- Settings per school with trust-wide defaults (issue 17, ADR 0191): a row with no school is the trust-wide
-- default (every row made before this migration, so a console keeps behaving as it did); a school's own row
-- overrides the default for that school. One row per key for the trust, and per (school, key) for a school.
-- SQLite cannot change a primary key, so the table is rebuilt with its rows kept; no foreign key to schools (ADR
-- 0175: SQLite carries none, and schools are never deleted).
CREATE TABLE school_settings_v41 (
    key        TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by TEXT    NOT NULL,
    school_id  INTEGER
);

INSERT INTO school_settings_v41 (key, value, updated_at, updated_by, school_id)
SELECT key, value, updated_at, updated_by, NULL FROM school_settings;

DROP TABLE school_settings;
ALTER TABLE school_settings_v41 RENAME TO school_settings;

CREATE UNIQUE INDEX school_settings_trust ON school_settings (key) WHERE school_id IS NULL;
CREATE UNIQUE INDEX school_settings_school ON school_settings (school_id, key) WHERE school_id IS NOT NULL;
