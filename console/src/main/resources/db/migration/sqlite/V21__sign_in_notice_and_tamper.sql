-- The sign-in notice (issue 11; ADR 0113) and tamper in the IT alert (ADR 0114).

-- Each time a device's session helper showed the sign-in notice to a user, for the school's records: when (the
-- device's clock, as it said), to which OS user (the device service's word, from the local socket's peer), how it
-- was shown, and when the console heard of it. Kept with the device; the devices page shows the latest per device.
CREATE TABLE notices_shown (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    device_id   TEXT    NOT NULL REFERENCES devices (id),
    shown_at    INTEGER NOT NULL,
    os_user     TEXT    NOT NULL,
    shown_as    TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL
);
CREATE INDEX notices_shown_by_device ON notices_shown (device_id, shown_at);

-- TAMPER joins the problems the IT check remembers: a session helper stopped without signing off. SQLite cannot
-- change a CHECK constraint in place, so the table is made again with the rows it holds.
CREATE TABLE device_problems_v21 (
    device_id   TEXT    NOT NULL REFERENCES devices (id),
    problem     TEXT    NOT NULL CHECK (problem IN ('SILENT', 'SPOOL_DROPS', 'BEHIND', 'TAMPER')),
    since       INTEGER NOT NULL,
    reported_at INTEGER,
    PRIMARY KEY (device_id, problem)
);
INSERT INTO device_problems_v21 (device_id, problem, since, reported_at)
    SELECT device_id, problem, since, reported_at FROM device_problems;
DROP TABLE device_problems;
ALTER TABLE device_problems_v21 RENAME TO device_problems;
