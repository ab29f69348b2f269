-- One live stream per device across console instances (issue 17, ADR 0173): the instance that last took the device's
-- stream, and a generation that grows with each take, so the holder of an older one knows to end it. Written only
-- by consoles on a shared database (PostgreSQL); a SQLite console is the only instance and leaves it empty. No
-- foreign key: the row is a note about a connection, and must not stand in the way of removing a device.
CREATE TABLE device_streams (
    device_id   TEXT    PRIMARY KEY,
    instance_id TEXT    NOT NULL,
    generation  INTEGER NOT NULL,
    taken_at    INTEGER NOT NULL
);
