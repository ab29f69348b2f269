-- Web sessions live in the database (issue 13), PostgreSQL twin.
CREATE TABLE web_sessions (
    token_sha256         TEXT    PRIMARY KEY,
    user_id              BIGINT  NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token           TEXT    NOT NULL,
    must_change_password BIGINT  NOT NULL,
    created_at           BIGINT  NOT NULL,
    last_used_at         BIGINT  NOT NULL
);
CREATE INDEX web_sessions_by_user ON web_sessions (user_id);
CREATE INDEX web_sessions_by_last_use ON web_sessions (last_used_at);
