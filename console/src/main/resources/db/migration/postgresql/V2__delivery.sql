-- Vigil console schema, version 2 (PostgreSQL twin): what each device's agent reports about its spool, and refused
-- events.

ALTER TABLE devices ADD COLUMN spool_depth BIGINT;
ALTER TABLE devices ADD COLUMN screenshots_dropped BIGINT NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN events_dropped BIGINT NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN events_rejected BIGINT NOT NULL DEFAULT 0;
