-- Event ids are unique per device, not across the school (issue 13), PostgreSQL twin.
DROP INDEX captures_event_id;
CREATE UNIQUE INDEX captures_device_event_id ON captures (device_id, event_id);
