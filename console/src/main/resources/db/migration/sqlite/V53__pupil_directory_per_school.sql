-- The pupil directory per school (issue 17, ADR 0205): a login is unique within its school, not across the console
-- (two schools may both have a jsmith), and a capture belongs to a pupil of its own school only.
-- SQLite cannot change a UNIQUE key or a primary key in place, so both tables are rebuilt with every row and id
-- kept: a pupil keeps the school V34 gave them, a login the school of the pupil it belongs to. As in V34, a row
-- written without a school is the first school's (a one-school console's only one). The new logins table
-- refers to the new pupils table before the old ones are dropped, so no foreign key ever points at nothing.
DROP VIEW capture_pupils;

CREATE TABLE pupils_v53 (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    school_id             INTEGER NOT NULL DEFAULT 1 REFERENCES schools (id),
    login                 TEXT    NOT NULL,
    given_name            TEXT    NOT NULL,
    family_name           TEXT    NOT NULL,
    year_group            TEXT    NOT NULL,
    form                  TEXT    NOT NULL DEFAULT '',
    child_protection_plan INTEGER NOT NULL DEFAULT 0 CHECK (child_protection_plan IN (0, 1)),
    looked_after          INTEGER NOT NULL DEFAULT 0 CHECK (looked_after IN (0, 1)),
    send_support          INTEGER NOT NULL DEFAULT 0 CHECK (send_support IN (0, 1)),
    source                TEXT    NOT NULL CHECK (source IN ('CSV', 'LDAP')),
    left_at               INTEGER,
    updated_at            INTEGER NOT NULL,
    UNIQUE (school_id, login)
);
INSERT INTO pupils_v53 (id, school_id, login, given_name, family_name, year_group, form, child_protection_plan,
                        looked_after, send_support, source, left_at, updated_at)
SELECT id, school_id, login, given_name, family_name, year_group, form, child_protection_plan, looked_after,
       send_support, source, left_at, updated_at
FROM pupils;

CREATE TABLE pupil_logins_v53 (
    school_id INTEGER NOT NULL DEFAULT 1 REFERENCES schools (id),
    login     TEXT    NOT NULL,
    pupil_id  INTEGER NOT NULL REFERENCES pupils_v53 (id),
    source    TEXT    NOT NULL CHECK (source IN ('DIRECTORY', 'DSL')),
    linked_by TEXT    NOT NULL,
    linked_at INTEGER NOT NULL,
    PRIMARY KEY (school_id, login)
);
INSERT INTO pupil_logins_v53 (school_id, login, pupil_id, source, linked_by, linked_at)
SELECT p.school_id, l.login, l.pupil_id, l.source, l.linked_by, l.linked_at
FROM pupil_logins l JOIN pupils p ON p.id = l.pupil_id;

DROP TABLE pupil_logins;
DROP TABLE pupils;
-- renaming rewrites pupil_logins_v53's reference to the new name
ALTER TABLE pupils_v53 RENAME TO pupils;
ALTER TABLE pupil_logins_v53 RENAME TO pupil_logins;
CREATE INDEX pupils_by_year_form ON pupils (year_group, form);
CREATE INDEX pupils_by_school ON pupils (school_id);
CREATE INDEX pupil_logins_by_pupil ON pupil_logins (pupil_id);
-- a login across the schools (which schools have a jsmith: the audit log's pupil:LOGIN, the history's check)
CREATE INDEX pupils_by_login ON pupils (login);
CREATE INDEX pupil_logins_by_login ON pupil_logins (login);

CREATE VIEW capture_pupils AS
SELECT c.id AS capture_id, l.pupil_id AS pupil_id
FROM captures c
JOIN pupil_logins l ON l.school_id = c.school_id AND l.login = lower(c.os_user);
