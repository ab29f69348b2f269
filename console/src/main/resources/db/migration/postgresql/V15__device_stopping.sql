-- Clean stops and IT alerts (issue 10; ADR 0105), PostgreSQL twin.
ALTER TABLE devices ADD COLUMN stopped_at BIGINT;
ALTER TABLE devices ADD COLUMN stop_reason TEXT;
ALTER TABLE devices ADD COLUMN screenshots_drops_reported BIGINT NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN events_drops_reported BIGINT NOT NULL DEFAULT 0;

CREATE TABLE device_problems (
    device_id   TEXT    NOT NULL REFERENCES devices (id),
    problem     TEXT    NOT NULL CONSTRAINT device_problems_problem CHECK (problem IN ('SILENT', 'SPOOL_DROPS', 'BEHIND')),
    since       BIGINT  NOT NULL,
    reported_at BIGINT,
    PRIMARY KEY (device_id, problem)
);

CREATE TABLE it_alert_batches (
    dedupe_key TEXT    PRIMARY KEY,
    queued_at  BIGINT  NOT NULL,
    problems   BIGINT  NOT NULL
);
