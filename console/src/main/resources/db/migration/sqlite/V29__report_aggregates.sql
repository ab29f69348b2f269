-- Trends and reports (issue 15, ADR 0153): daily aggregates the reports page reads instead of the captures, so a
-- school year of a million captures is summed in milliseconds. SQLite triggers keep them exact whatever writes the
-- captures (ingest, triage, incidents, closing, retention's purge, "delete now"): each insert adds the capture, each
-- delete takes it away, and each change to a column they count takes the old row away and adds the new one, in the
-- same transaction as the change.
-- Days are UTC days since the epoch of the capture's occurred_at (a capture between midnight and 1 am in British
-- Summer Time counts on the day before).
--
-- captures.first_reviewed_at  when a DSL first looked at the capture: opened its page (first_opened_at) or changed
--                             its status (a bulk false positive from the queue), whichever came first.
-- report_days                captures per day, category, severity, status and outcome ('' unless closed).
-- report_pupil_days          captures per day and login (lower-cased, as pupil_logins holds them), split into
--                            concerns and false positives: "by year group" joins this to the pupil directory when
--                            the report is made, so a directory import never leaves it stale.
-- report_delay_buckets       the bounds, in minutes, of the buckets times are counted in.
-- report_delays              per day of capture, how many were first reviewed (REVIEW) or closed (CLOSURE) within
--                            each bucket of time after the console received them.

ALTER TABLE captures ADD COLUMN first_reviewed_at INTEGER;
UPDATE captures SET first_reviewed_at = CASE
    WHEN first_opened_at IS NOT NULL AND (status = 'NEW' OR status_changed_at IS NULL
                                         OR first_opened_at <= status_changed_at) THEN first_opened_at
    WHEN status <> 'NEW' THEN coalesce(status_changed_at, first_opened_at, received_at)
    END;

CREATE TRIGGER captures_first_review AFTER UPDATE OF status, first_opened_at ON captures
WHEN NEW.first_reviewed_at IS NULL AND (NEW.first_opened_at IS NOT NULL OR NEW.status <> 'NEW')
BEGIN
    UPDATE captures SET first_reviewed_at = coalesce(NEW.first_opened_at, NEW.status_changed_at, NEW.received_at)
    WHERE id = NEW.id;
END;

CREATE TABLE report_days (
    day      INTEGER NOT NULL,
    category TEXT    NOT NULL,
    severity INTEGER NOT NULL,
    status   TEXT    NOT NULL,
    outcome  TEXT    NOT NULL,
    captures INTEGER NOT NULL,
    PRIMARY KEY (day, category, severity, status, outcome)
) WITHOUT ROWID;

CREATE TABLE report_pupil_days (
    day             INTEGER NOT NULL,
    login           TEXT    NOT NULL,
    concerns        INTEGER NOT NULL,
    false_positives INTEGER NOT NULL,
    PRIMARY KEY (day, login)
) WITHOUT ROWID;

CREATE TABLE report_delay_buckets (
    within_minutes INTEGER PRIMARY KEY
);
INSERT INTO report_delay_buckets (within_minutes) VALUES (5), (15), (30), (60), (120), (240), (480), (1440), (2880),
    (4320), (10080), (20160), (43200), (525600000);

CREATE TABLE report_delays (
    day            INTEGER NOT NULL,
    measure        TEXT    NOT NULL CHECK (measure IN ('REVIEW', 'CLOSURE')),
    within_minutes INTEGER NOT NULL,
    captures       INTEGER NOT NULL,
    PRIMARY KEY (day, measure, within_minutes)
) WITHOUT ROWID;

-- What is there already.
INSERT INTO report_days (day, category, severity, status, outcome, captures)
SELECT occurred_at / 86400000, category, severity, status, coalesce(outcome, ''), count(*)
FROM captures GROUP BY 1, 2, 3, 4, 5;
INSERT INTO report_pupil_days (day, login, concerns, false_positives)
SELECT occurred_at / 86400000, lower(os_user), sum(status <> 'FALSE_POSITIVE'), sum(status = 'FALSE_POSITIVE')
FROM captures GROUP BY 1, 2;
INSERT INTO report_delays (day, measure, within_minutes, captures)
SELECT occurred_at / 86400000, 'REVIEW',
       (SELECT min(b.within_minutes) FROM report_delay_buckets b
        WHERE first_reviewed_at - received_at <= b.within_minutes * 60000), count(*)
FROM captures WHERE first_reviewed_at IS NOT NULL GROUP BY 1, 3;
INSERT INTO report_delays (day, measure, within_minutes, captures)
SELECT occurred_at / 86400000, 'CLOSURE',
       (SELECT min(b.within_minutes) FROM report_delay_buckets b
        WHERE closed_at - received_at <= b.within_minutes * 60000), count(*)
FROM captures WHERE closed_at IS NOT NULL GROUP BY 1, 3;

-- Adding a capture to the aggregates, and taking one away; an update does both. Each step is an upsert of +1 or -1,
-- so the steps add up to the same whatever order SQLite fires the triggers in (captures_first_review's own update
-- runs inside the status change that caused it).
CREATE TRIGGER report_capture_added AFTER INSERT ON captures
BEGIN
    INSERT INTO report_days (day, category, severity, status, outcome, captures)
    VALUES (NEW.occurred_at / 86400000, NEW.category, NEW.severity, NEW.status, coalesce(NEW.outcome, ''), 1)
    ON CONFLICT (day, category, severity, status, outcome) DO UPDATE SET captures = captures + 1;
    INSERT INTO report_pupil_days (day, login, concerns, false_positives)
    VALUES (NEW.occurred_at / 86400000, lower(NEW.os_user), NEW.status <> 'FALSE_POSITIVE',
            NEW.status = 'FALSE_POSITIVE')
    ON CONFLICT (day, login) DO UPDATE SET concerns = concerns + excluded.concerns,
                                           false_positives = false_positives + excluded.false_positives;
    INSERT INTO report_delays (day, measure, within_minutes, captures)
    SELECT NEW.occurred_at / 86400000, 'REVIEW', min(b.within_minutes), 1 FROM report_delay_buckets b
    WHERE NEW.first_reviewed_at IS NOT NULL AND NEW.first_reviewed_at - NEW.received_at <= b.within_minutes * 60000
    HAVING count(*) > 0
    ON CONFLICT (day, measure, within_minutes) DO UPDATE SET captures = captures + 1;
    INSERT INTO report_delays (day, measure, within_minutes, captures)
    SELECT NEW.occurred_at / 86400000, 'CLOSURE', min(b.within_minutes), 1 FROM report_delay_buckets b
    WHERE NEW.closed_at IS NOT NULL AND NEW.closed_at - NEW.received_at <= b.within_minutes * 60000
    HAVING count(*) > 0
    ON CONFLICT (day, measure, within_minutes) DO UPDATE SET captures = captures + 1;
END;

CREATE TRIGGER report_capture_removed AFTER DELETE ON captures
BEGIN
    INSERT INTO report_days (day, category, severity, status, outcome, captures)
    VALUES (OLD.occurred_at / 86400000, OLD.category, OLD.severity, OLD.status, coalesce(OLD.outcome, ''), -1)
    ON CONFLICT (day, category, severity, status, outcome) DO UPDATE SET captures = captures - 1;
    INSERT INTO report_pupil_days (day, login, concerns, false_positives)
    VALUES (OLD.occurred_at / 86400000, lower(OLD.os_user), -(OLD.status <> 'FALSE_POSITIVE'),
            -(OLD.status = 'FALSE_POSITIVE'))
    ON CONFLICT (day, login) DO UPDATE SET concerns = concerns + excluded.concerns,
                                           false_positives = false_positives + excluded.false_positives;
    INSERT INTO report_delays (day, measure, within_minutes, captures)
    SELECT OLD.occurred_at / 86400000, 'REVIEW', min(b.within_minutes), -1 FROM report_delay_buckets b
    WHERE OLD.first_reviewed_at IS NOT NULL AND OLD.first_reviewed_at - OLD.received_at <= b.within_minutes * 60000
    HAVING count(*) > 0
    ON CONFLICT (day, measure, within_minutes) DO UPDATE SET captures = captures - 1;
    INSERT INTO report_delays (day, measure, within_minutes, captures)
    SELECT OLD.occurred_at / 86400000, 'CLOSURE', min(b.within_minutes), -1 FROM report_delay_buckets b
    WHERE OLD.closed_at IS NOT NULL AND OLD.closed_at - OLD.received_at <= b.within_minutes * 60000
    HAVING count(*) > 0
    ON CONFLICT (day, measure, within_minutes) DO UPDATE SET captures = captures - 1;
END;

CREATE TRIGGER report_capture_changed
AFTER UPDATE OF occurred_at, received_at, category, severity, status, outcome, os_user, first_reviewed_at, closed_at
ON captures
BEGIN
    INSERT INTO report_days (day, category, severity, status, outcome, captures)
    VALUES (OLD.occurred_at / 86400000, OLD.category, OLD.severity, OLD.status, coalesce(OLD.outcome, ''), -1)
    ON CONFLICT (day, category, severity, status, outcome) DO UPDATE SET captures = captures - 1;
    INSERT INTO report_days (day, category, severity, status, outcome, captures)
    VALUES (NEW.occurred_at / 86400000, NEW.category, NEW.severity, NEW.status, coalesce(NEW.outcome, ''), 1)
    ON CONFLICT (day, category, severity, status, outcome) DO UPDATE SET captures = captures + 1;

    INSERT INTO report_pupil_days (day, login, concerns, false_positives)
    VALUES (OLD.occurred_at / 86400000, lower(OLD.os_user), -(OLD.status <> 'FALSE_POSITIVE'),
            -(OLD.status = 'FALSE_POSITIVE'))
    ON CONFLICT (day, login) DO UPDATE SET concerns = concerns + excluded.concerns,
                                           false_positives = false_positives + excluded.false_positives;
    INSERT INTO report_pupil_days (day, login, concerns, false_positives)
    VALUES (NEW.occurred_at / 86400000, lower(NEW.os_user), NEW.status <> 'FALSE_POSITIVE',
            NEW.status = 'FALSE_POSITIVE')
    ON CONFLICT (day, login) DO UPDATE SET concerns = concerns + excluded.concerns,
                                           false_positives = false_positives + excluded.false_positives;

    INSERT INTO report_delays (day, measure, within_minutes, captures)
    SELECT OLD.occurred_at / 86400000, 'REVIEW', min(b.within_minutes), -1 FROM report_delay_buckets b
    WHERE OLD.first_reviewed_at IS NOT NULL AND OLD.first_reviewed_at - OLD.received_at <= b.within_minutes * 60000
    HAVING count(*) > 0
    ON CONFLICT (day, measure, within_minutes) DO UPDATE SET captures = captures - 1;
    INSERT INTO report_delays (day, measure, within_minutes, captures)
    SELECT NEW.occurred_at / 86400000, 'REVIEW', min(b.within_minutes), 1 FROM report_delay_buckets b
    WHERE NEW.first_reviewed_at IS NOT NULL AND NEW.first_reviewed_at - NEW.received_at <= b.within_minutes * 60000
    HAVING count(*) > 0
    ON CONFLICT (day, measure, within_minutes) DO UPDATE SET captures = captures + 1;

    INSERT INTO report_delays (day, measure, within_minutes, captures)
    SELECT OLD.occurred_at / 86400000, 'CLOSURE', min(b.within_minutes), -1 FROM report_delay_buckets b
    WHERE OLD.closed_at IS NOT NULL AND OLD.closed_at - OLD.received_at <= b.within_minutes * 60000
    HAVING count(*) > 0
    ON CONFLICT (day, measure, within_minutes) DO UPDATE SET captures = captures - 1;
    INSERT INTO report_delays (day, measure, within_minutes, captures)
    SELECT NEW.occurred_at / 86400000, 'CLOSURE', min(b.within_minutes), 1 FROM report_delay_buckets b
    WHERE NEW.closed_at IS NOT NULL AND NEW.closed_at - NEW.received_at <= b.within_minutes * 60000
    HAVING count(*) > 0
    ON CONFLICT (day, measure, within_minutes) DO UPDATE SET captures = captures + 1;
END;
