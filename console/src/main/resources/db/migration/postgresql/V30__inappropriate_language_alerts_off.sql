-- Issue 16, ADR 0161, PostgreSQL twin: inappropriate language alerts no one by default (severities 1-4).
UPDATE alert_rules SET position = position + 1;
INSERT INTO alert_rules (position, min_severity, max_severity, category, hours, action, recipients, webhook)
VALUES (1, 1, 4, 'inappropriate-language', 'ANY', 'NONE', 'ALL_DSLS', 0);
