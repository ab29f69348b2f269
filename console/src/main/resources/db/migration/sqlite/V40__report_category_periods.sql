-- Reports' per-period counts from narrow rows (issue 15, ADR 0157): the chart and table of concerns per week or
-- month need only (period, category, false positive or not), but report_weeks and report_months keep every
-- severity, status and outcome beside them: a school year per week read about 40,000 weekly rows to sum into
-- 1,248 cells. These keep the sums the per-period section reads, per week and per month.
--
-- report_category_weeks   captures per week (the UTC day number of its Monday), category and whether they were
--                         marked false positives (1) or not (0).
-- report_category_months  the same per calendar month (the UTC day number of its first day).
--
-- Kept by triggers on V31's weekly and monthly rows, as those are kept by triggers on V29's daily rows: whatever
-- changes a week's or month's count changes its category row by the same amount in the same statement. V31's
-- triggers only add to a row's count, never change its key, so the change of count is all there is to follow.

CREATE TABLE report_category_weeks (
    week           INTEGER NOT NULL,
    category       TEXT    NOT NULL,
    false_positive INTEGER NOT NULL CHECK (false_positive IN (0, 1)),
    captures       INTEGER NOT NULL,
    PRIMARY KEY (week, category, false_positive)
) WITHOUT ROWID;

CREATE TABLE report_category_months (
    month          INTEGER NOT NULL,
    category       TEXT    NOT NULL,
    false_positive INTEGER NOT NULL CHECK (false_positive IN (0, 1)),
    captures       INTEGER NOT NULL,
    PRIMARY KEY (month, category, false_positive)
) WITHOUT ROWID;

-- What is there already.
INSERT INTO report_category_weeks (week, category, false_positive, captures)
SELECT week, category, CASE WHEN status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END, sum(captures)
FROM report_weeks GROUP BY 1, 2, 3;
INSERT INTO report_category_months (month, category, false_positive, captures)
SELECT month, category, CASE WHEN status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END, sum(captures)
FROM report_months GROUP BY 1, 2, 3;

CREATE TRIGGER report_week_added AFTER INSERT ON report_weeks
BEGIN
    INSERT INTO report_category_weeks (week, category, false_positive, captures)
    VALUES (NEW.week, NEW.category, NEW.status = 'FALSE_POSITIVE', NEW.captures)
    ON CONFLICT (week, category, false_positive) DO UPDATE SET captures = captures + excluded.captures;
END;

CREATE TRIGGER report_week_changed AFTER UPDATE OF captures ON report_weeks
WHEN NEW.captures <> OLD.captures
BEGIN
    INSERT INTO report_category_weeks (week, category, false_positive, captures)
    VALUES (NEW.week, NEW.category, NEW.status = 'FALSE_POSITIVE', NEW.captures - OLD.captures)
    ON CONFLICT (week, category, false_positive) DO UPDATE SET captures = captures + excluded.captures;
END;

CREATE TRIGGER report_week_removed AFTER DELETE ON report_weeks
BEGIN
    INSERT INTO report_category_weeks (week, category, false_positive, captures)
    VALUES (OLD.week, OLD.category, OLD.status = 'FALSE_POSITIVE', -OLD.captures)
    ON CONFLICT (week, category, false_positive) DO UPDATE SET captures = captures + excluded.captures;
END;

CREATE TRIGGER report_month_added AFTER INSERT ON report_months
BEGIN
    INSERT INTO report_category_months (month, category, false_positive, captures)
    VALUES (NEW.month, NEW.category, NEW.status = 'FALSE_POSITIVE', NEW.captures)
    ON CONFLICT (month, category, false_positive) DO UPDATE SET captures = captures + excluded.captures;
END;

CREATE TRIGGER report_month_changed AFTER UPDATE OF captures ON report_months
WHEN NEW.captures <> OLD.captures
BEGIN
    INSERT INTO report_category_months (month, category, false_positive, captures)
    VALUES (NEW.month, NEW.category, NEW.status = 'FALSE_POSITIVE', NEW.captures - OLD.captures)
    ON CONFLICT (month, category, false_positive) DO UPDATE SET captures = captures + excluded.captures;
END;

CREATE TRIGGER report_month_removed AFTER DELETE ON report_months
BEGIN
    INSERT INTO report_category_months (month, category, false_positive, captures)
    VALUES (OLD.month, OLD.category, OLD.status = 'FALSE_POSITIVE', -OLD.captures)
    ON CONFLICT (month, category, false_positive) DO UPDATE SET captures = captures + excluded.captures;
END;
