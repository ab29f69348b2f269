-- Alert rules, rota and school hours per school with trust-wide defaults (issue 17, ADR 0204), PostgreSQL twin:
-- a rule or rota band with no school is the trust's; a school's own rules are read before the trust's, its own
-- rota replaces the trust's, and its own hours (alert_hours_per_school) replace alert_school_hours.
ALTER TABLE alert_rules ADD COLUMN school_id BIGINT REFERENCES schools (id);
ALTER TABLE alert_rota ADD COLUMN school_id BIGINT REFERENCES schools (id);
CREATE INDEX alert_rules_school ON alert_rules (school_id);
CREATE INDEX alert_rota_school ON alert_rota (school_id);

CREATE TABLE alert_hours_per_school (
    school_id BIGINT PRIMARY KEY REFERENCES schools (id),
    starts    TEXT   NOT NULL,
    ends      TEXT   NOT NULL
);
