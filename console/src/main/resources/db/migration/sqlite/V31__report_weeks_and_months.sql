-- Reports at a school year's scale (issue 15, ADR 0154): V29's daily aggregates summed per week and per month, and
-- the per-login counts per month, so a year is read from a few thousand rows instead of hundreds of thousands. A
-- report sums whole months and whole weeks from these and only a range's partial first and last days from V29's.
--
-- report_weeks         as report_days, per week; week = the UTC day number of its Monday.
-- report_months        as report_days, per calendar month; month = the UTC day number of its first day.
-- report_pupil_months  as report_pupil_days, per calendar month.
--
-- They are kept by triggers on the daily rows rather than on the captures: whatever changes a day's count changes
-- its week and month by the same amount in the same statement, so the grains cannot disagree. The daily rows' keys
-- are never updated (V29's triggers only add to their counts), so a change of count is all there is to follow.

CREATE TABLE report_weeks (
    week     INTEGER NOT NULL,
    category TEXT    NOT NULL,
    severity INTEGER NOT NULL,
    status   TEXT    NOT NULL,
    outcome  TEXT    NOT NULL,
    captures INTEGER NOT NULL,
    PRIMARY KEY (week, category, severity, status, outcome)
) WITHOUT ROWID;

CREATE TABLE report_months (
    month    INTEGER NOT NULL,
    category TEXT    NOT NULL,
    severity INTEGER NOT NULL,
    status   TEXT    NOT NULL,
    outcome  TEXT    NOT NULL,
    captures INTEGER NOT NULL,
    PRIMARY KEY (month, category, severity, status, outcome)
) WITHOUT ROWID;

CREATE TABLE report_pupil_months (
    month           INTEGER NOT NULL,
    login           TEXT    NOT NULL,
    concerns        INTEGER NOT NULL,
    false_positives INTEGER NOT NULL,
    PRIMARY KEY (month, login)
) WITHOUT ROWID;

-- What is there already. Day 0 (1 January 1970) was a Thursday: (day + 3) % 7 is the days since Monday.
INSERT INTO report_weeks (week, category, severity, status, outcome, captures)
SELECT day - (day + 3) % 7, category, severity, status, outcome, sum(captures)
FROM report_days GROUP BY 1, 2, 3, 4, 5;
INSERT INTO report_months (month, category, severity, status, outcome, captures)
SELECT CAST(strftime('%s', day * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
       category, severity, status, outcome, sum(captures)
FROM report_days GROUP BY 1, 2, 3, 4, 5;
INSERT INTO report_pupil_months (month, login, concerns, false_positives)
SELECT CAST(strftime('%s', day * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
       login, sum(concerns), sum(false_positives)
FROM report_pupil_days GROUP BY 1, 2;

CREATE TRIGGER report_day_added AFTER INSERT ON report_days
BEGIN
    INSERT INTO report_weeks (week, category, severity, status, outcome, captures)
    VALUES (NEW.day - (NEW.day + 3) % 7, NEW.category, NEW.severity, NEW.status, NEW.outcome, NEW.captures)
    ON CONFLICT (week, category, severity, status, outcome) DO UPDATE SET captures = captures + excluded.captures;
    INSERT INTO report_months (month, category, severity, status, outcome, captures)
    VALUES (CAST(strftime('%s', NEW.day * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
            NEW.category, NEW.severity, NEW.status, NEW.outcome, NEW.captures)
    ON CONFLICT (month, category, severity, status, outcome) DO UPDATE SET captures = captures + excluded.captures;
END;

CREATE TRIGGER report_day_changed AFTER UPDATE OF captures ON report_days
WHEN NEW.captures <> OLD.captures
BEGIN
    INSERT INTO report_weeks (week, category, severity, status, outcome, captures)
    VALUES (NEW.day - (NEW.day + 3) % 7, NEW.category, NEW.severity, NEW.status, NEW.outcome,
            NEW.captures - OLD.captures)
    ON CONFLICT (week, category, severity, status, outcome) DO UPDATE SET captures = captures + excluded.captures;
    INSERT INTO report_months (month, category, severity, status, outcome, captures)
    VALUES (CAST(strftime('%s', NEW.day * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
            NEW.category, NEW.severity, NEW.status, NEW.outcome, NEW.captures - OLD.captures)
    ON CONFLICT (month, category, severity, status, outcome) DO UPDATE SET captures = captures + excluded.captures;
END;

CREATE TRIGGER report_day_removed AFTER DELETE ON report_days
BEGIN
    INSERT INTO report_weeks (week, category, severity, status, outcome, captures)
    VALUES (OLD.day - (OLD.day + 3) % 7, OLD.category, OLD.severity, OLD.status, OLD.outcome, -OLD.captures)
    ON CONFLICT (week, category, severity, status, outcome) DO UPDATE SET captures = captures + excluded.captures;
    INSERT INTO report_months (month, category, severity, status, outcome, captures)
    VALUES (CAST(strftime('%s', OLD.day * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
            OLD.category, OLD.severity, OLD.status, OLD.outcome, -OLD.captures)
    ON CONFLICT (month, category, severity, status, outcome) DO UPDATE SET captures = captures + excluded.captures;
END;

CREATE TRIGGER report_pupil_day_added AFTER INSERT ON report_pupil_days
BEGIN
    INSERT INTO report_pupil_months (month, login, concerns, false_positives)
    VALUES (CAST(strftime('%s', NEW.day * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
            NEW.login, NEW.concerns, NEW.false_positives)
    ON CONFLICT (month, login) DO UPDATE SET concerns = concerns + excluded.concerns,
                                             false_positives = false_positives + excluded.false_positives;
END;

CREATE TRIGGER report_pupil_day_changed AFTER UPDATE OF concerns, false_positives ON report_pupil_days
WHEN NEW.concerns <> OLD.concerns OR NEW.false_positives <> OLD.false_positives
BEGIN
    INSERT INTO report_pupil_months (month, login, concerns, false_positives)
    VALUES (CAST(strftime('%s', NEW.day * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
            NEW.login, NEW.concerns - OLD.concerns, NEW.false_positives - OLD.false_positives)
    ON CONFLICT (month, login) DO UPDATE SET concerns = concerns + excluded.concerns,
                                             false_positives = false_positives + excluded.false_positives;
END;

CREATE TRIGGER report_pupil_day_removed AFTER DELETE ON report_pupil_days
BEGIN
    INSERT INTO report_pupil_months (month, login, concerns, false_positives)
    VALUES (CAST(strftime('%s', OLD.day * 86400, 'unixepoch', 'start of month') AS INTEGER) / 86400,
            OLD.login, -OLD.concerns, -OLD.false_positives)
    ON CONFLICT (month, login) DO UPDATE SET concerns = concerns + excluded.concerns,
                                             false_positives = false_positives + excluded.false_positives;
END;
