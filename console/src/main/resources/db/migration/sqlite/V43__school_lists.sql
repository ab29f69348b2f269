-- Lists per school (issue 17, ADR 0193): a school's changes to the trust's lists are versions of their own, in the
-- same immutable tables. A change log row with no school is the trust's (every row before this migration).
ALTER TABLE policy_changes ADD COLUMN school_id INTEGER;

CREATE INDEX policy_changes_by_school ON policy_changes (school_id, id);
