-- A cap on how many devices one enrolment token may enrol (issue 13: 1,000 devices enrolled with one token in
-- 2.9 s). Tokens made before have none (NULL), as schools deployed them already; new ones get the console's default.
ALTER TABLE enrolment_tokens ADD COLUMN max_devices INTEGER CHECK (max_devices IS NULL OR max_devices > 0);

CREATE INDEX devices_enrolment_token ON devices (enrolment_token_id);
