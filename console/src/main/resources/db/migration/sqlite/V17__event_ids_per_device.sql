-- Event ids are unique per device, not across the school (issue 13): with one index over all devices, a device that
-- sent an event id another device would later use made that device's real event acked but never stored. An agent
-- makes its ids (UUIDs) itself; a resend from the same device is still stored once.
DROP INDEX captures_event_id;
CREATE UNIQUE INDEX captures_device_event_id ON captures (device_id, event_id);
