-- Groups of devices (issue 6). A group's overrides live in the versioned policy (groups/<id>.txt), so every change
-- to them is in the policy change log; here is only which group each device, and each token's devices, belong to.
-- NULL: no group (the school's lists as they are).
ALTER TABLE devices ADD COLUMN policy_group TEXT;
ALTER TABLE enrolment_tokens ADD COLUMN policy_group TEXT;
CREATE INDEX devices_by_group ON devices (policy_group) WHERE policy_group IS NOT NULL;
