-- Which schools a console user works for (issue 17, ADR 0176), PostgreSQL twin.
ALTER TABLE users ADD COLUMN school_id BIGINT NOT NULL DEFAULT 1 REFERENCES schools (id);
ALTER TABLE users ADD COLUMN trust_level BIGINT NOT NULL DEFAULT 0 CHECK (trust_level IN (0, 1));

CREATE TABLE user_schools (
    user_id   BIGINT NOT NULL REFERENCES users (id),
    school_id BIGINT NOT NULL REFERENCES schools (id),
    PRIMARY KEY (user_id, school_id)
);
