-- Schools as tenants (issue 17, ADR 0175). Every console has at least one school; a console made before this
-- migration gets school 1, named from its settings' school name if it has one. The rows a school owns carry its id:
-- devices (from the enrolment token that enrolled them), enrolment tokens, pupils and captures (the device's school
-- at ingest, so a capture stays with the school that recorded it even if the device later moves). Everything else
-- (notes, justifications, incidents' links, holds, alerts) belongs to a school through the capture it is about.
-- SQLite cannot add a column with a foreign key and a default while foreign keys are on, so here the link to
-- schools is kept by the console (a school is never deleted); the PostgreSQL twin declares it.
CREATE TABLE schools (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    code       TEXT    NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 20),
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
    created_at INTEGER NOT NULL
);

INSERT INTO schools (id, code, name, created_at)
VALUES (1, 'main', coalesce((SELECT substr(trim(value), 1, 120) FROM school_settings WHERE key = 'school.name' AND trim(value) <> ''),
                            'This school'),
        CAST(strftime('%s', 'now') AS INTEGER) * 1000);

ALTER TABLE devices ADD COLUMN school_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE enrolment_tokens ADD COLUMN school_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE pupils ADD COLUMN school_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE captures ADD COLUMN school_id INTEGER NOT NULL DEFAULT 1;

-- A school's queue is read straight off an index in queue order, as the whole console's is (V3).
CREATE INDEX captures_school_queue ON captures (school_id, severity DESC, occurred_at DESC, id DESC);
CREATE INDEX captures_school_queue_by_status ON captures (school_id, status, severity DESC, occurred_at DESC,
                                                          id DESC);
CREATE INDEX devices_by_school ON devices (school_id);
CREATE INDEX enrolment_tokens_by_school ON enrolment_tokens (school_id);
CREATE INDEX pupils_by_school ON pupils (school_id);
