-- Issue 16, ADR 0161: the inappropriate-language category (swearing) is recorded and shown in the queue but alerts
-- no one by default. A rule at the top says so for severities 1-4; severity 5 falls through to the rules below, as
-- the severity-5 guard requires. A school that wants swearing in its digest edits or deletes this rule.
UPDATE alert_rules SET position = position + 1;
INSERT INTO alert_rules (position, min_severity, max_severity, category, hours, action, recipients, webhook)
VALUES (1, 1, 4, 'inappropriate-language', 'ANY', 'NONE', 'ALL_DSLS', 0);
