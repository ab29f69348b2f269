-- Which schools a console user works for (issue 17, ADR 0176). A user belongs to one school (school_id, the first
-- school for every user made before); a trust-level user (trust_level 1) instead works for the schools listed in
-- user_schools, chosen by an admin. Roles stay as they were: a trust-level DSL reads the chosen schools' captures,
-- a trust-level IT admin manages their devices and tokens.
ALTER TABLE users ADD COLUMN school_id INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN trust_level INTEGER NOT NULL DEFAULT 0 CHECK (trust_level IN (0, 1));

CREATE TABLE user_schools (
    user_id   INTEGER NOT NULL REFERENCES users (id),
    school_id INTEGER NOT NULL REFERENCES schools (id),
    PRIMARY KEY (user_id, school_id)
);
