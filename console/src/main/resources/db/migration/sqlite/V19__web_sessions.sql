-- Web sessions live in the database (issue 13): a console restart no longer signs everyone out, and a command
-- (users reset-password) can end a running console's sessions. Only the SHA-256 of the session token is stored:
-- the token itself is in the browser's cookie alone, so a copy of the database opens no session. The username, role
-- and admin flag are read from users on every request: a disabled user's sessions stop at once.

CREATE TABLE web_sessions (
    token_sha256         TEXT    PRIMARY KEY,
    user_id              INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token           TEXT    NOT NULL,
    must_change_password INTEGER NOT NULL,
    created_at           INTEGER NOT NULL,
    last_used_at         INTEGER NOT NULL
);

CREATE INDEX web_sessions_by_user ON web_sessions (user_id);
CREATE INDEX web_sessions_by_last_use ON web_sessions (last_used_at);
