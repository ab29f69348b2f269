-- The pupil directory per school (issue 17, ADR 0205), PostgreSQL twin: a login is unique within its school, and a
-- capture belongs to a pupil of its own school only. A login takes the school of the pupil it belongs to.
ALTER TABLE pupils DROP CONSTRAINT pupils_login_key;
ALTER TABLE pupils ADD CONSTRAINT pupils_school_login_key UNIQUE (school_id, login);

ALTER TABLE pupil_logins ADD COLUMN school_id BIGINT REFERENCES schools (id);
UPDATE pupil_logins l SET school_id = (SELECT p.school_id FROM pupils p WHERE p.id = l.pupil_id);
-- as pupils since V34: a row written without a school is the first school's
ALTER TABLE pupil_logins ALTER COLUMN school_id SET DEFAULT 1;
ALTER TABLE pupil_logins ALTER COLUMN school_id SET NOT NULL;
ALTER TABLE pupil_logins DROP CONSTRAINT pupil_logins_pkey;
ALTER TABLE pupil_logins ADD CONSTRAINT pupil_logins_pkey PRIMARY KEY (school_id, login);
-- a login across the schools (which schools have a jsmith: the audit log's pupil:LOGIN, the history's check)
CREATE INDEX pupils_by_login ON pupils (login);
CREATE INDEX pupil_logins_by_login ON pupil_logins (login);

CREATE OR REPLACE VIEW capture_pupils AS
SELECT c.id AS capture_id, l.pupil_id AS pupil_id
FROM captures c
JOIN pupil_logins l ON l.school_id = c.school_id AND l.login = lower(c.os_user);
