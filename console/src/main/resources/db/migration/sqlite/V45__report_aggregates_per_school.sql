-- Reports per school (issue 17, ADR 0195): every aggregate of V29, V31 and V40 is kept per school (the capture's
-- school_id, V34), so a school's report reads its own rows, a trust-level reader sums its chosen schools, and the
-- whole console sums every school. The school leads every key: one school's range is one primary-key range search,
-- and several schools' one search each (school_id IN (…)).
--
-- The triggers no longer cascade (captures → days → weeks and months → category rows; ADR 0196): one trigger
-- program on the captures writes every grain in the same statement, as ADR 0154's alternatives foresaw, so the
-- extra key column costs no more trigger programs than before (fewer: bench/README.md, "Reports per school").
-- Delays are counted by triggers of their own that fire only when the capture has been reviewed or closed, which
-- a new capture has not; and an update is recounted only for the aggregates whose columns it changed (a first
-- review, written by captures_first_review inside a status change, no longer takes every grain away and adds it
-- back).
--
-- Each step is still an upsert of +1 or -1, so the steps add up the same whatever order SQLite fires them in.
-- The aggregates are rebuilt from the captures: the rows before held no school.

DROP TRIGGER report_capture_added;
DROP TRIGGER report_capture_removed;
DROP TRIGGER report_capture_changed;
DROP TRIGGER report_day_added;
DROP TRIGGER report_day_changed;
DROP TRIGGER report_day_removed;
DROP TRIGGER report_pupil_day_added;
DROP TRIGGER report_pupil_day_changed;
DROP TRIGGER report_pupil_day_removed;
DROP TRIGGER report_week_added;
DROP TRIGGER report_week_changed;
DROP TRIGGER report_week_removed;
DROP TRIGGER report_month_added;
DROP TRIGGER report_month_changed;
DROP TRIGGER report_month_removed;
DROP TABLE report_days;
DROP TABLE report_weeks;
DROP TABLE report_months;
DROP TABLE report_pupil_days;
DROP TABLE report_pupil_months;
DROP TABLE report_category_weeks;
DROP TABLE report_category_months;
DROP TABLE report_delays;

CREATE TABLE report_days (
    school_id INTEGER NOT NULL,
    day       INTEGER NOT NULL,
    category  TEXT    NOT NULL,
    severity  INTEGER NOT NULL,
    status    TEXT    NOT NULL,
    outcome   TEXT    NOT NULL,
    captures  INTEGER NOT NULL,
    PRIMARY KEY (school_id, day, category, severity, status, outcome)
) WITHOUT ROWID;

CREATE TABLE report_weeks (
    school_id INTEGER NOT NULL,
    week      INTEGER NOT NULL,
    category  TEXT    NOT NULL,
    severity  INTEGER NOT NULL,
    status    TEXT    NOT NULL,
    outcome   TEXT    NOT NULL,
    captures  INTEGER NOT NULL,
    PRIMARY KEY (school_id, week, category, severity, status, outcome)
) WITHOUT ROWID;

CREATE TABLE report_months (
    school_id INTEGER NOT NULL,
    month     INTEGER NOT NULL,
    category  TEXT    NOT NULL,
    severity  INTEGER NOT NULL,
    status    TEXT    NOT NULL,
    outcome   TEXT    NOT NULL,
    captures  INTEGER NOT NULL,
    PRIMARY KEY (school_id, month, category, severity, status, outcome)
) WITHOUT ROWID;

CREATE TABLE report_category_weeks (
    school_id      INTEGER NOT NULL,
    week           INTEGER NOT NULL,
    category       TEXT    NOT NULL,
    false_positive INTEGER NOT NULL CHECK (false_positive IN (0, 1)),
    captures       INTEGER NOT NULL,
    PRIMARY KEY (school_id, week, category, false_positive)
) WITHOUT ROWID;

CREATE TABLE report_category_months (
    school_id      INTEGER NOT NULL,
    month          INTEGER NOT NULL,
    category       TEXT    NOT NULL,
    false_positive INTEGER NOT NULL CHECK (false_positive IN (0, 1)),
    captures       INTEGER NOT NULL,
    PRIMARY KEY (school_id, month, category, false_positive)
) WITHOUT ROWID;

CREATE TABLE report_pupil_days (
    school_id       INTEGER NOT NULL,
    day             INTEGER NOT NULL,
    login           TEXT    NOT NULL,
    concerns        INTEGER NOT NULL,
    false_positives INTEGER NOT NULL,
    PRIMARY KEY (school_id, day, login)
) WITHOUT ROWID;

CREATE TABLE report_pupil_months (
    school_id       INTEGER NOT NULL,
    month           INTEGER NOT NULL,
    login           TEXT    NOT NULL,
    concerns        INTEGER NOT NULL,
    false_positives INTEGER NOT NULL,
    PRIMARY KEY (school_id, month, login)
) WITHOUT ROWID;

CREATE TABLE report_delays (
    school_id      INTEGER NOT NULL,
    day            INTEGER NOT NULL,
    measure        TEXT    NOT NULL CHECK (measure IN ('REVIEW', 'CLOSURE')),
    within_minutes INTEGER NOT NULL,
    captures       INTEGER NOT NULL,
    PRIMARY KEY (school_id, day, measure, within_minutes)
) WITHOUT ROWID;

-- What is there already, per school. Day 0 (1 January 1970) was a Thursday: (day + 3) % 7 is the days since Monday.
INSERT INTO report_days (school_id, day, category, severity, status, outcome, captures)
SELECT school_id, occurred_at / 86400000, category, severity, status, coalesce(outcome, ''), count(*)
FROM captures GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO report_weeks (school_id, week, category, severity, status, outcome, captures)
SELECT school_id, day - (day + 3) % 7, category, severity, status, outcome, sum(captures)
FROM report_days GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO report_months (school_id, month, category, severity, status, outcome, captures)
SELECT school_id, CAST(strftime('%s', day * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
       category, severity, status, outcome, sum(captures)
FROM report_days GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO report_category_weeks (school_id, week, category, false_positive, captures)
SELECT school_id, week, category, CASE WHEN status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END, sum(captures)
FROM report_weeks GROUP BY 1, 2, 3, 4;
INSERT INTO report_category_months (school_id, month, category, false_positive, captures)
SELECT school_id, month, category, CASE WHEN status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END, sum(captures)
FROM report_months GROUP BY 1, 2, 3, 4;
INSERT INTO report_pupil_days (school_id, day, login, concerns, false_positives)
SELECT school_id, occurred_at / 86400000, lower(os_user), sum(status <> 'FALSE_POSITIVE'),
       sum(status = 'FALSE_POSITIVE')
FROM captures GROUP BY 1, 2, 3;
INSERT INTO report_pupil_months (school_id, month, login, concerns, false_positives)
SELECT school_id, CAST(strftime('%s', day * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
       login, sum(concerns), sum(false_positives)
FROM report_pupil_days GROUP BY 1, 2, 3;
INSERT INTO report_delays (school_id, day, measure, within_minutes, captures)
SELECT school_id, occurred_at / 86400000, 'REVIEW',
       (SELECT min(b.within_minutes) FROM report_delay_buckets b
        WHERE first_reviewed_at - received_at <= b.within_minutes * 60000), count(*)
FROM captures WHERE first_reviewed_at IS NOT NULL GROUP BY 1, 2, 4;
INSERT INTO report_delays (school_id, day, measure, within_minutes, captures)
SELECT school_id, occurred_at / 86400000, 'CLOSURE',
       (SELECT min(b.within_minutes) FROM report_delay_buckets b
        WHERE closed_at - received_at <= b.within_minutes * 60000), count(*)
FROM captures WHERE closed_at IS NOT NULL GROUP BY 1, 2, 4;

-- A capture added to every grain, or taken away; the delays apart, only for captures reviewed or closed.
CREATE TRIGGER report_capture_added AFTER INSERT ON captures
BEGIN
    INSERT INTO report_days (school_id, day, category, severity, status, outcome, captures)
    VALUES (NEW.school_id,
            NEW.occurred_at / 86400000,
            NEW.category, NEW.severity, NEW.status, coalesce(NEW.outcome, ''), 1)
    ON CONFLICT (school_id, day, category, severity, status, outcome) DO UPDATE SET captures = captures + 1;
    INSERT INTO report_weeks (school_id, week, category, severity, status, outcome, captures)
    VALUES (NEW.school_id,
            NEW.occurred_at / 86400000 - (NEW.occurred_at / 86400000 + 3) % 7,
            NEW.category, NEW.severity, NEW.status, coalesce(NEW.outcome, ''), 1)
    ON CONFLICT (school_id, week, category, severity, status, outcome) DO UPDATE SET captures = captures + 1;
    INSERT INTO report_months (school_id, month, category, severity, status, outcome, captures)
    VALUES (NEW.school_id,
            CAST(strftime('%s', NEW.occurred_at / 86400000 * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
            NEW.category, NEW.severity, NEW.status, coalesce(NEW.outcome, ''), 1)
    ON CONFLICT (school_id, month, category, severity, status, outcome) DO UPDATE SET captures = captures + 1;
    INSERT INTO report_category_weeks (school_id, week, category, false_positive, captures)
    VALUES (NEW.school_id,
            NEW.occurred_at / 86400000 - (NEW.occurred_at / 86400000 + 3) % 7,
            NEW.category, NEW.status = 'FALSE_POSITIVE', 1)
    ON CONFLICT (school_id, week, category, false_positive) DO UPDATE SET captures = captures + 1;
    INSERT INTO report_category_months (school_id, month, category, false_positive, captures)
    VALUES (NEW.school_id,
            CAST(strftime('%s', NEW.occurred_at / 86400000 * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
            NEW.category, NEW.status = 'FALSE_POSITIVE', 1)
    ON CONFLICT (school_id, month, category, false_positive) DO UPDATE SET captures = captures + 1;
    INSERT INTO report_pupil_days (school_id, day, login, concerns, false_positives)
    VALUES (NEW.school_id,
            NEW.occurred_at / 86400000,
            lower(NEW.os_user), (NEW.status <> 'FALSE_POSITIVE'), (NEW.status = 'FALSE_POSITIVE'))
    ON CONFLICT (school_id, day, login) DO UPDATE SET concerns = concerns + excluded.concerns,
        false_positives = false_positives + excluded.false_positives;
    INSERT INTO report_pupil_months (school_id, month, login, concerns, false_positives)
    VALUES (NEW.school_id,
            CAST(strftime('%s', NEW.occurred_at / 86400000 * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
            lower(NEW.os_user), (NEW.status <> 'FALSE_POSITIVE'), (NEW.status = 'FALSE_POSITIVE'))
    ON CONFLICT (school_id, month, login) DO UPDATE SET concerns = concerns + excluded.concerns,
        false_positives = false_positives + excluded.false_positives;
END;

CREATE TRIGGER report_capture_removed AFTER DELETE ON captures
BEGIN
    INSERT INTO report_days (school_id, day, category, severity, status, outcome, captures)
    VALUES (OLD.school_id,
            OLD.occurred_at / 86400000,
            OLD.category, OLD.severity, OLD.status, coalesce(OLD.outcome, ''), -1)
    ON CONFLICT (school_id, day, category, severity, status, outcome) DO UPDATE SET captures = captures - 1;
    INSERT INTO report_weeks (school_id, week, category, severity, status, outcome, captures)
    VALUES (OLD.school_id,
            OLD.occurred_at / 86400000 - (OLD.occurred_at / 86400000 + 3) % 7,
            OLD.category, OLD.severity, OLD.status, coalesce(OLD.outcome, ''), -1)
    ON CONFLICT (school_id, week, category, severity, status, outcome) DO UPDATE SET captures = captures - 1;
    INSERT INTO report_months (school_id, month, category, severity, status, outcome, captures)
    VALUES (OLD.school_id,
            CAST(strftime('%s', OLD.occurred_at / 86400000 * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
            OLD.category, OLD.severity, OLD.status, coalesce(OLD.outcome, ''), -1)
    ON CONFLICT (school_id, month, category, severity, status, outcome) DO UPDATE SET captures = captures - 1;
    INSERT INTO report_category_weeks (school_id, week, category, false_positive, captures)
    VALUES (OLD.school_id,
            OLD.occurred_at / 86400000 - (OLD.occurred_at / 86400000 + 3) % 7,
            OLD.category, OLD.status = 'FALSE_POSITIVE', -1)
    ON CONFLICT (school_id, week, category, false_positive) DO UPDATE SET captures = captures - 1;
    INSERT INTO report_category_months (school_id, month, category, false_positive, captures)
    VALUES (OLD.school_id,
            CAST(strftime('%s', OLD.occurred_at / 86400000 * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
            OLD.category, OLD.status = 'FALSE_POSITIVE', -1)
    ON CONFLICT (school_id, month, category, false_positive) DO UPDATE SET captures = captures - 1;
    INSERT INTO report_pupil_days (school_id, day, login, concerns, false_positives)
    VALUES (OLD.school_id,
            OLD.occurred_at / 86400000,
            lower(OLD.os_user), -(OLD.status <> 'FALSE_POSITIVE'), -(OLD.status = 'FALSE_POSITIVE'))
    ON CONFLICT (school_id, day, login) DO UPDATE SET concerns = concerns + excluded.concerns,
        false_positives = false_positives + excluded.false_positives;
    INSERT INTO report_pupil_months (school_id, month, login, concerns, false_positives)
    VALUES (OLD.school_id,
            CAST(strftime('%s', OLD.occurred_at / 86400000 * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
            lower(OLD.os_user), -(OLD.status <> 'FALSE_POSITIVE'), -(OLD.status = 'FALSE_POSITIVE'))
    ON CONFLICT (school_id, month, login) DO UPDATE SET concerns = concerns + excluded.concerns,
        false_positives = false_positives + excluded.false_positives;
END;

CREATE TRIGGER report_capture_reviewed_added AFTER INSERT ON captures WHEN NEW.first_reviewed_at IS NOT NULL
BEGIN
    INSERT INTO report_delays (school_id, day, measure, within_minutes, captures)
    SELECT NEW.school_id, NEW.occurred_at / 86400000, 'REVIEW', min(b.within_minutes), 1
    FROM report_delay_buckets b
    WHERE NEW.first_reviewed_at IS NOT NULL AND NEW.first_reviewed_at - NEW.received_at <= b.within_minutes * 60000
    HAVING count(*) > 0
    ON CONFLICT (school_id, day, measure, within_minutes) DO UPDATE SET captures = captures + 1;
END;

CREATE TRIGGER report_capture_reviewed_removed AFTER DELETE ON captures WHEN OLD.first_reviewed_at IS NOT NULL
BEGIN
    INSERT INTO report_delays (school_id, day, measure, within_minutes, captures)
    SELECT OLD.school_id, OLD.occurred_at / 86400000, 'REVIEW', min(b.within_minutes), -1
    FROM report_delay_buckets b
    WHERE OLD.first_reviewed_at IS NOT NULL AND OLD.first_reviewed_at - OLD.received_at <= b.within_minutes * 60000
    HAVING count(*) > 0
    ON CONFLICT (school_id, day, measure, within_minutes) DO UPDATE SET captures = captures - 1;
END;

CREATE TRIGGER report_capture_closed_added AFTER INSERT ON captures WHEN NEW.closed_at IS NOT NULL
BEGIN
    INSERT INTO report_delays (school_id, day, measure, within_minutes, captures)
    SELECT NEW.school_id, NEW.occurred_at / 86400000, 'CLOSURE', min(b.within_minutes), 1
    FROM report_delay_buckets b
    WHERE NEW.closed_at IS NOT NULL AND NEW.closed_at - NEW.received_at <= b.within_minutes * 60000
    HAVING count(*) > 0
    ON CONFLICT (school_id, day, measure, within_minutes) DO UPDATE SET captures = captures + 1;
END;

CREATE TRIGGER report_capture_closed_removed AFTER DELETE ON captures WHEN OLD.closed_at IS NOT NULL
BEGIN
    INSERT INTO report_delays (school_id, day, measure, within_minutes, captures)
    SELECT OLD.school_id, OLD.occurred_at / 86400000, 'CLOSURE', min(b.within_minutes), -1
    FROM report_delay_buckets b
    WHERE OLD.closed_at IS NOT NULL AND OLD.closed_at - OLD.received_at <= b.within_minutes * 60000
    HAVING count(*) > 0
    ON CONFLICT (school_id, day, measure, within_minutes) DO UPDATE SET captures = captures - 1;
END;

-- An update recounts only the aggregates whose columns it changed.
CREATE TRIGGER report_capture_recounted AFTER UPDATE OF school_id, occurred_at, category, severity, status, outcome
ON captures
WHEN OLD.school_id <> NEW.school_id OR OLD.occurred_at / 86400000 <> NEW.occurred_at / 86400000
     OR OLD.category <> NEW.category OR OLD.severity <> NEW.severity OR OLD.status <> NEW.status
     OR OLD.outcome IS NOT NEW.outcome
BEGIN
    INSERT INTO report_days (school_id, day, category, severity, status, outcome, captures)
    VALUES (OLD.school_id,
            OLD.occurred_at / 86400000,
            OLD.category, OLD.severity, OLD.status, coalesce(OLD.outcome, ''), -1)
    ON CONFLICT (school_id, day, category, severity, status, outcome) DO UPDATE SET captures = captures - 1;
    INSERT INTO report_weeks (school_id, week, category, severity, status, outcome, captures)
    VALUES (OLD.school_id,
            OLD.occurred_at / 86400000 - (OLD.occurred_at / 86400000 + 3) % 7,
            OLD.category, OLD.severity, OLD.status, coalesce(OLD.outcome, ''), -1)
    ON CONFLICT (school_id, week, category, severity, status, outcome) DO UPDATE SET captures = captures - 1;
    INSERT INTO report_months (school_id, month, category, severity, status, outcome, captures)
    VALUES (OLD.school_id,
            CAST(strftime('%s', OLD.occurred_at / 86400000 * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
            OLD.category, OLD.severity, OLD.status, coalesce(OLD.outcome, ''), -1)
    ON CONFLICT (school_id, month, category, severity, status, outcome) DO UPDATE SET captures = captures - 1;
    INSERT INTO report_category_weeks (school_id, week, category, false_positive, captures)
    VALUES (OLD.school_id,
            OLD.occurred_at / 86400000 - (OLD.occurred_at / 86400000 + 3) % 7,
            OLD.category, OLD.status = 'FALSE_POSITIVE', -1)
    ON CONFLICT (school_id, week, category, false_positive) DO UPDATE SET captures = captures - 1;
    INSERT INTO report_category_months (school_id, month, category, false_positive, captures)
    VALUES (OLD.school_id,
            CAST(strftime('%s', OLD.occurred_at / 86400000 * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
            OLD.category, OLD.status = 'FALSE_POSITIVE', -1)
    ON CONFLICT (school_id, month, category, false_positive) DO UPDATE SET captures = captures - 1;
    INSERT INTO report_days (school_id, day, category, severity, status, outcome, captures)
    VALUES (NEW.school_id,
            NEW.occurred_at / 86400000,
            NEW.category, NEW.severity, NEW.status, coalesce(NEW.outcome, ''), 1)
    ON CONFLICT (school_id, day, category, severity, status, outcome) DO UPDATE SET captures = captures + 1;
    INSERT INTO report_weeks (school_id, week, category, severity, status, outcome, captures)
    VALUES (NEW.school_id,
            NEW.occurred_at / 86400000 - (NEW.occurred_at / 86400000 + 3) % 7,
            NEW.category, NEW.severity, NEW.status, coalesce(NEW.outcome, ''), 1)
    ON CONFLICT (school_id, week, category, severity, status, outcome) DO UPDATE SET captures = captures + 1;
    INSERT INTO report_months (school_id, month, category, severity, status, outcome, captures)
    VALUES (NEW.school_id,
            CAST(strftime('%s', NEW.occurred_at / 86400000 * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
            NEW.category, NEW.severity, NEW.status, coalesce(NEW.outcome, ''), 1)
    ON CONFLICT (school_id, month, category, severity, status, outcome) DO UPDATE SET captures = captures + 1;
    INSERT INTO report_category_weeks (school_id, week, category, false_positive, captures)
    VALUES (NEW.school_id,
            NEW.occurred_at / 86400000 - (NEW.occurred_at / 86400000 + 3) % 7,
            NEW.category, NEW.status = 'FALSE_POSITIVE', 1)
    ON CONFLICT (school_id, week, category, false_positive) DO UPDATE SET captures = captures + 1;
    INSERT INTO report_category_months (school_id, month, category, false_positive, captures)
    VALUES (NEW.school_id,
            CAST(strftime('%s', NEW.occurred_at / 86400000 * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
            NEW.category, NEW.status = 'FALSE_POSITIVE', 1)
    ON CONFLICT (school_id, month, category, false_positive) DO UPDATE SET captures = captures + 1;
END;

CREATE TRIGGER report_pupil_recounted AFTER UPDATE OF school_id, occurred_at, status, os_user ON captures
WHEN OLD.school_id <> NEW.school_id OR OLD.occurred_at / 86400000 <> NEW.occurred_at / 86400000
     OR lower(OLD.os_user) <> lower(NEW.os_user)
     OR (OLD.status = 'FALSE_POSITIVE') <> (NEW.status = 'FALSE_POSITIVE')
BEGIN
    INSERT INTO report_pupil_days (school_id, day, login, concerns, false_positives)
    VALUES (OLD.school_id,
            OLD.occurred_at / 86400000,
            lower(OLD.os_user), -(OLD.status <> 'FALSE_POSITIVE'), -(OLD.status = 'FALSE_POSITIVE'))
    ON CONFLICT (school_id, day, login) DO UPDATE SET concerns = concerns + excluded.concerns,
        false_positives = false_positives + excluded.false_positives;
    INSERT INTO report_pupil_months (school_id, month, login, concerns, false_positives)
    VALUES (OLD.school_id,
            CAST(strftime('%s', OLD.occurred_at / 86400000 * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
            lower(OLD.os_user), -(OLD.status <> 'FALSE_POSITIVE'), -(OLD.status = 'FALSE_POSITIVE'))
    ON CONFLICT (school_id, month, login) DO UPDATE SET concerns = concerns + excluded.concerns,
        false_positives = false_positives + excluded.false_positives;
    INSERT INTO report_pupil_days (school_id, day, login, concerns, false_positives)
    VALUES (NEW.school_id,
            NEW.occurred_at / 86400000,
            lower(NEW.os_user), (NEW.status <> 'FALSE_POSITIVE'), (NEW.status = 'FALSE_POSITIVE'))
    ON CONFLICT (school_id, day, login) DO UPDATE SET concerns = concerns + excluded.concerns,
        false_positives = false_positives + excluded.false_positives;
    INSERT INTO report_pupil_months (school_id, month, login, concerns, false_positives)
    VALUES (NEW.school_id,
            CAST(strftime('%s', NEW.occurred_at / 86400000 * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
            lower(NEW.os_user), (NEW.status <> 'FALSE_POSITIVE'), (NEW.status = 'FALSE_POSITIVE'))
    ON CONFLICT (school_id, month, login) DO UPDATE SET concerns = concerns + excluded.concerns,
        false_positives = false_positives + excluded.false_positives;
END;

CREATE TRIGGER report_review_recounted AFTER UPDATE OF school_id, occurred_at, received_at, first_reviewed_at
ON captures
WHEN OLD.school_id <> NEW.school_id OR OLD.occurred_at / 86400000 <> NEW.occurred_at / 86400000
     OR OLD.received_at <> NEW.received_at OR OLD.first_reviewed_at IS NOT NEW.first_reviewed_at
BEGIN
    INSERT INTO report_delays (school_id, day, measure, within_minutes, captures)
    SELECT OLD.school_id, OLD.occurred_at / 86400000, 'REVIEW', min(b.within_minutes), -1
    FROM report_delay_buckets b
    WHERE OLD.first_reviewed_at IS NOT NULL AND OLD.first_reviewed_at - OLD.received_at <= b.within_minutes * 60000
    HAVING count(*) > 0
    ON CONFLICT (school_id, day, measure, within_minutes) DO UPDATE SET captures = captures - 1;
    INSERT INTO report_delays (school_id, day, measure, within_minutes, captures)
    SELECT NEW.school_id, NEW.occurred_at / 86400000, 'REVIEW', min(b.within_minutes), 1
    FROM report_delay_buckets b
    WHERE NEW.first_reviewed_at IS NOT NULL AND NEW.first_reviewed_at - NEW.received_at <= b.within_minutes * 60000
    HAVING count(*) > 0
    ON CONFLICT (school_id, day, measure, within_minutes) DO UPDATE SET captures = captures + 1;
END;

CREATE TRIGGER report_closure_recounted AFTER UPDATE OF school_id, occurred_at, received_at, closed_at
ON captures
WHEN OLD.school_id <> NEW.school_id OR OLD.occurred_at / 86400000 <> NEW.occurred_at / 86400000
     OR OLD.received_at <> NEW.received_at OR OLD.closed_at IS NOT NEW.closed_at
BEGIN
    INSERT INTO report_delays (school_id, day, measure, within_minutes, captures)
    SELECT OLD.school_id, OLD.occurred_at / 86400000, 'CLOSURE', min(b.within_minutes), -1
    FROM report_delay_buckets b
    WHERE OLD.closed_at IS NOT NULL AND OLD.closed_at - OLD.received_at <= b.within_minutes * 60000
    HAVING count(*) > 0
    ON CONFLICT (school_id, day, measure, within_minutes) DO UPDATE SET captures = captures - 1;
    INSERT INTO report_delays (school_id, day, measure, within_minutes, captures)
    SELECT NEW.school_id, NEW.occurred_at / 86400000, 'CLOSURE', min(b.within_minutes), 1
    FROM report_delay_buckets b
    WHERE NEW.closed_at IS NOT NULL AND NEW.closed_at - NEW.received_at <= b.within_minutes * 60000
    HAVING count(*) > 0
    ON CONFLICT (school_id, day, measure, within_minutes) DO UPDATE SET captures = captures + 1;
END;
