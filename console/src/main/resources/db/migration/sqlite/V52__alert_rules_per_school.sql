-- Alert rules, rota and school hours per school with trust-wide defaults (issue 17, ADR 0204).
--
-- alert_rules.school_id   NULL: a rule of the trust's (every rule made before this migration); a school's id: that
--                         school's own rule, read before the trust's, so it overrides or adds to them for the school.
-- alert_rota.school_id    NULL: the trust's rota; a school's id: a band of that school's own rota, which replaces
--                         the trust's for the school once it has one band.
-- alert_hours_per_school  a school's own school hours; a school with no row follows alert_school_hours (the
--                         trust's, one row).
-- No foreign key to schools (ADR 0175: SQLite carries none, and schools are never deleted).
ALTER TABLE alert_rules ADD COLUMN school_id INTEGER;
ALTER TABLE alert_rota ADD COLUMN school_id INTEGER;
CREATE INDEX alert_rules_school ON alert_rules (school_id);
CREATE INDEX alert_rota_school ON alert_rota (school_id);

CREATE TABLE alert_hours_per_school (
    school_id INTEGER PRIMARY KEY,
    starts    TEXT    NOT NULL,
    ends      TEXT    NOT NULL
);
