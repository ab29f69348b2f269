-- One live stream per device across console instances (issue 17, ADR 0173), PostgreSQL twin: the instance that last
-- took the device's stream, and a generation that grows with each take, so the holder of an older one ends it.
CREATE TABLE device_streams (
    device_id   TEXT    PRIMARY KEY,
    instance_id TEXT    NOT NULL,
    generation  BIGINT  NOT NULL,
    taken_at    BIGINT  NOT NULL
);
