-- A school's alert rules, rota and school hours (issue 10, ADR 0104), and the marker that stops escalation.
--
-- alert_rules   read top to bottom (position), the first that matches a capture decides: severities
--               min..max, one category or any (NULL), when (ANY, SCHOOL hours, OUT of hours), what (NOW: an alert
--               at once; DIGEST: into the morning digest; NONE), to whom (ALL_DSLS with an email, the DSLs on the
--               ROTA now, or NAMED DSLs in alert_rule_users), and whether a NOW rule also posts to the webhook.
-- alert_rota    who is on call: a DSL per weekday and time band in the school's time zone; a band whose end is
--               not after its start runs past midnight into the next day (00:00-00:00 is the whole day).
--               position orders the people on at the same moment: the first is on call, the next are deputies,
--               whom escalation alerts in turn.
-- alert_school_hours  one row: school hours on the school days of the settings.
-- Every change is audit-logged by the service that makes it (alerts.rules.AlertRulesEditor).

CREATE TABLE alert_rules (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    position     INTEGER NOT NULL,
    min_severity INTEGER NOT NULL CHECK (min_severity BETWEEN 1 AND 5),
    max_severity INTEGER NOT NULL CHECK (max_severity BETWEEN min_severity AND 5),
    category     TEXT,
    hours        TEXT    NOT NULL CHECK (hours IN ('ANY', 'SCHOOL', 'OUT')),
    action       TEXT    NOT NULL CHECK (action IN ('NOW', 'DIGEST', 'NONE')),
    recipients   TEXT    NOT NULL CHECK (recipients IN ('ALL_DSLS', 'ROTA', 'NAMED')),
    webhook      INTEGER NOT NULL DEFAULT 0 CHECK (webhook IN (0, 1))
);

CREATE TABLE alert_rule_users (
    rule_id INTEGER NOT NULL REFERENCES alert_rules (id),
    user_id INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (rule_id, user_id)
);

CREATE TABLE alert_rota (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    day      TEXT    NOT NULL CHECK (day IN ('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY',
                                             'SUNDAY')),
    starts   TEXT    NOT NULL,
    ends     TEXT    NOT NULL,
    position INTEGER NOT NULL,
    user_id  INTEGER NOT NULL REFERENCES users (id)
);

CREATE TABLE alert_school_hours (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    starts TEXT    NOT NULL,
    ends   TEXT    NOT NULL
);

-- The behaviour before rules existed, plus the digest: severity 4-5 at once to every DSL with an email and the
-- webhook, severity 1-3 into the morning digest of every DSL with an email.
INSERT INTO alert_rules (position, min_severity, max_severity, category, hours, action, recipients, webhook)
VALUES (1, 4, 5, NULL, 'ANY', 'NOW', 'ALL_DSLS', 1),
       (2, 1, 3, NULL, 'ANY', 'DIGEST', 'ALL_DSLS', 0);
INSERT INTO alert_school_hours (id, starts, ends) VALUES (1, '08:30', '15:30');

-- When a DSL first opened the capture's page (set with the capture.view audit row, in its transaction): escalation
-- asks only for severity-5 captures not yet opened, through the partial index. Captures already viewed, or already
-- triaged, count as opened, so an upgrade does not escalate the past.
ALTER TABLE captures ADD COLUMN first_opened_at INTEGER;
UPDATE captures SET first_opened_at = (SELECT min(a.occurred_at) FROM audit_log a
                                       WHERE a.action = 'capture.view' AND a.target = 'capture:' || captures.id)
WHERE severity = 5;
UPDATE captures SET first_opened_at = coalesce(status_changed_at, received_at)
WHERE severity = 5 AND first_opened_at IS NULL AND status <> 'NEW';
CREATE INDEX captures_unopened_severe ON captures (received_at) WHERE severity = 5 AND first_opened_at IS NULL;
-- the digest lists the captures stored since the previous one
CREATE INDEX captures_received ON captures (received_at);
