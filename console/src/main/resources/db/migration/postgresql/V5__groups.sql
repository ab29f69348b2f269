-- Groups of devices (issue 6), PostgreSQL twin. NULL: no group.
ALTER TABLE devices ADD COLUMN policy_group TEXT;
ALTER TABLE enrolment_tokens ADD COLUMN policy_group TEXT;
CREATE INDEX devices_by_group ON devices (policy_group) WHERE policy_group IS NOT NULL;
