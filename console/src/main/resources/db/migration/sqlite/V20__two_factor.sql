-- Two-factor sign-in (issue 13, ADR 0133): a TOTP secret per user (RFC 6238; NULL: not enrolled), the last time
-- step accepted (a code is never accepted twice), single-use recovery codes stored as SHA-256, and per session
-- whether it passed the second factor and the secret of an enrolment in progress.

ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;

CREATE TABLE recovery_codes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_sha256 TEXT    NOT NULL,
    used_at     INTEGER,
    UNIQUE (user_id, code_sha256)
);

ALTER TABLE web_sessions ADD COLUMN second_factor_at INTEGER;
ALTER TABLE web_sessions ADD COLUMN pending_totp_secret TEXT;
