-- Pupils by name and year group (issue 15), from the school's MIS (CSV import) or its directory (LDAP sync).
-- pupils         one row per pupil the school has told us about. Never deleted while records name them: a pupil
--                the MIS or directory stops listing is marked left (left_at), and comes back if listed again.
--                The flags (child protection plan, looked after, SEND) are shown to DSLs only.
-- pupil_logins   every login a pupil is known under, lower-cased (ASCII only, as SQLite's lower() does): the
--                directory's own login (source DIRECTORY) and logins a DSL linked by hand (source DSL), such as
--                a capture's 'SCHOOL\bsmith' that matched no pupil.
-- capture_pupils the pupil a capture belongs to, if any: the one join every page, export and report uses.
CREATE TABLE pupils (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    login                 TEXT    NOT NULL UNIQUE,
    given_name            TEXT    NOT NULL,
    family_name           TEXT    NOT NULL,
    year_group            TEXT    NOT NULL,
    form                  TEXT    NOT NULL DEFAULT '',
    child_protection_plan INTEGER NOT NULL DEFAULT 0 CHECK (child_protection_plan IN (0, 1)),
    looked_after          INTEGER NOT NULL DEFAULT 0 CHECK (looked_after IN (0, 1)),
    send_support          INTEGER NOT NULL DEFAULT 0 CHECK (send_support IN (0, 1)),
    source                TEXT    NOT NULL CHECK (source IN ('CSV', 'LDAP')),
    left_at               INTEGER,
    updated_at            INTEGER NOT NULL
);
CREATE INDEX pupils_by_year_form ON pupils (year_group, form);

CREATE TABLE pupil_logins (
    login     TEXT    PRIMARY KEY,
    pupil_id  INTEGER NOT NULL REFERENCES pupils (id),
    source    TEXT    NOT NULL CHECK (source IN ('DIRECTORY', 'DSL')),
    linked_by TEXT    NOT NULL,
    linked_at INTEGER NOT NULL
);
CREATE INDEX pupil_logins_by_pupil ON pupil_logins (pupil_id);

CREATE INDEX captures_by_login ON captures (lower(os_user));

CREATE VIEW capture_pupils AS
SELECT c.id AS capture_id, l.pupil_id AS pupil_id
FROM captures c
JOIN pupil_logins l ON l.login = lower(c.os_user);
