-- Clean stops and IT alerts (issue 10; ADR 0105).

-- When the device's agent last said it was stopping on purpose (the Stopping message), and why. Both are cleared by
-- its next Hello or heartbeat, so a device is "stopped cleanly" only while nothing has been heard from it since.
ALTER TABLE devices ADD COLUMN stopped_at INTEGER;
ALTER TABLE devices ADD COLUMN stop_reason TEXT;

-- The spool drop counts (cumulative, as agents report them) that IT was last emailed about: drops beyond these
-- are new.
ALTER TABLE devices ADD COLUMN screenshots_drops_reported INTEGER NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN events_drops_reported INTEGER NOT NULL DEFAULT 0;

-- What the IT check has found wrong with a device, since when, and whether IT has been emailed about it.
-- SILENT and BEHIND stay until the device recovers (then the row goes, so a new failure is new); SPOOL_DROPS goes
-- once it is emailed (the counts above move on).
CREATE TABLE device_problems (
    device_id   TEXT    NOT NULL REFERENCES devices (id),
    problem     TEXT    NOT NULL CHECK (problem IN ('SILENT', 'SPOOL_DROPS', 'BEHIND')),
    since       INTEGER NOT NULL,
    reported_at INTEGER,
    PRIMARY KEY (device_id, problem)
);

-- Each IT email batch queued: what makes it the same batch (the outbox's dedupe key), and when. The newest one
-- paces the next (at most one batch per 15 minutes).
CREATE TABLE it_alert_batches (
    dedupe_key TEXT    PRIMARY KEY,
    queued_at  INTEGER NOT NULL,
    problems   INTEGER NOT NULL
);
