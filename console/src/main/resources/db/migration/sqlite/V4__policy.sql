-- Wordlist policy versions and their change log (issue 6).

-- A version is named by the content hash of its files; once written it never changes.
CREATE TABLE policy_versions (
    version     TEXT    PRIMARY KEY,
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);

CREATE TABLE policy_files (
    version     TEXT    NOT NULL REFERENCES policy_versions (version),
    file_name   TEXT    NOT NULL,
    content     TEXT    NOT NULL,
    PRIMARY KEY (version, file_name)
);

-- Who made which version the current one, when and why; the newest row is the policy in force.
CREATE TABLE policy_changes (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    version           TEXT    NOT NULL REFERENCES policy_versions (version),
    previous_version  TEXT    REFERENCES policy_versions (version),
    action            TEXT    NOT NULL,
    author            TEXT    NOT NULL,
    changed_at        INTEGER NOT NULL,
    reason            TEXT
);

-- The policy version each device last said it runs (Hello / heartbeat).
ALTER TABLE devices ADD COLUMN policy_version TEXT;

CREATE TRIGGER policy_versions_no_update BEFORE UPDATE ON policy_versions
BEGIN
    SELECT RAISE(ABORT, 'policy versions are immutable');
END;
CREATE TRIGGER policy_versions_no_delete BEFORE DELETE ON policy_versions
BEGIN
    SELECT RAISE(ABORT, 'policy versions are immutable');
END;
CREATE TRIGGER policy_files_no_update BEFORE UPDATE ON policy_files
BEGIN
    SELECT RAISE(ABORT, 'policy versions are immutable');
END;
CREATE TRIGGER policy_files_no_delete BEFORE DELETE ON policy_files
BEGIN
    SELECT RAISE(ABORT, 'policy versions are immutable');
END;
CREATE TRIGGER policy_changes_no_update BEFORE UPDATE ON policy_changes
BEGIN
    SELECT RAISE(ABORT, 'the policy change log is append-only');
END;
CREATE TRIGGER policy_changes_no_delete BEFORE DELETE ON policy_changes
BEGIN
    SELECT RAISE(ABORT, 'the policy change log is append-only');
END;
