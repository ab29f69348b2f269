-- A cap on how many devices one enrolment token may enrol (issue 13), PostgreSQL twin.
ALTER TABLE enrolment_tokens ADD COLUMN max_devices BIGINT CHECK (max_devices IS NULL OR max_devices > 0);
CREATE INDEX devices_enrolment_token ON devices (enrolment_token_id);
