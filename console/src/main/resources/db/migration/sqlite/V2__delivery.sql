-- Vigil console schema, version 2: what each device's agent reports about its spool, and refused events.

ALTER TABLE devices ADD COLUMN spool_depth INTEGER;
ALTER TABLE devices ADD COLUMN screenshots_dropped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN events_dropped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN events_rejected INTEGER NOT NULL DEFAULT 0;
