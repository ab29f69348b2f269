-- Reports at a school year's scale (issue 15, ADR 0154), PostgreSQL twin: V29's daily aggregates summed per week and
-- per month, and the per-login counts per month, kept by triggers on the daily rows so the grains cannot disagree.
--
-- report_weeks         as report_days, per week; week = the UTC day number of its Monday.
-- report_months        as report_days, per calendar month; month = the UTC day number of its first day.
-- report_pupil_months  as report_pupil_days, per calendar month.

CREATE TABLE report_weeks (
    week     BIGINT NOT NULL,
    category TEXT   NOT NULL,
    severity BIGINT NOT NULL,
    status   TEXT   NOT NULL,
    outcome  TEXT   NOT NULL,
    captures BIGINT NOT NULL,
    PRIMARY KEY (week, category, severity, status, outcome)
);

CREATE TABLE report_months (
    month    BIGINT NOT NULL,
    category TEXT   NOT NULL,
    severity BIGINT NOT NULL,
    status   TEXT   NOT NULL,
    outcome  TEXT   NOT NULL,
    captures BIGINT NOT NULL,
    PRIMARY KEY (month, category, severity, status, outcome)
);

CREATE TABLE report_pupil_months (
    month           BIGINT NOT NULL,
    login           TEXT   NOT NULL,
    concerns        BIGINT NOT NULL,
    false_positives BIGINT NOT NULL,
    PRIMARY KEY (month, login)
);

-- Day 0 (1 January 1970) was a Thursday: (day + 3) % 7 is the days since Monday.
CREATE FUNCTION report_week_of(day BIGINT) RETURNS BIGINT LANGUAGE sql IMMUTABLE AS $$
    SELECT day - (day + 3) % 7
$$;

-- The UTC day number of the first day of the day's month.
CREATE FUNCTION report_month_of(day BIGINT) RETURNS BIGINT LANGUAGE sql IMMUTABLE AS $$
    SELECT (date_trunc('month', (DATE '1970-01-01' + day::INTEGER)::TIMESTAMP)::DATE - DATE '1970-01-01')::BIGINT
$$;

-- What is there already.
INSERT INTO report_weeks (week, category, severity, status, outcome, captures)
SELECT report_week_of(day), category, severity, status, outcome, sum(captures)
FROM report_days GROUP BY 1, 2, 3, 4, 5;
INSERT INTO report_months (month, category, severity, status, outcome, captures)
SELECT report_month_of(day), category, severity, status, outcome, sum(captures)
FROM report_days GROUP BY 1, 2, 3, 4, 5;
INSERT INTO report_pupil_months (month, login, concerns, false_positives)
SELECT report_month_of(day), login, sum(concerns), sum(false_positives)
FROM report_pupil_days GROUP BY 1, 2;

-- One daily row's change of count (delta), carried to its week and month.
CREATE FUNCTION report_day_carry(d report_days, delta BIGINT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_weeks AS w (week, category, severity, status, outcome, captures)
    VALUES (report_week_of(d.day), d.category, d.severity, d.status, d.outcome, delta)
    ON CONFLICT (week, category, severity, status, outcome) DO UPDATE SET captures = w.captures + delta;
    INSERT INTO report_months AS m (month, category, severity, status, outcome, captures)
    VALUES (report_month_of(d.day), d.category, d.severity, d.status, d.outcome, delta)
    ON CONFLICT (month, category, severity, status, outcome) DO UPDATE SET captures = m.captures + delta;
END;
$$;

CREATE FUNCTION report_day_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_day_carry(NEW, NEW.captures);
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_day_added AFTER INSERT ON report_days
FOR EACH ROW EXECUTE FUNCTION report_day_added();

CREATE FUNCTION report_day_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_day_carry(NEW, NEW.captures - OLD.captures);
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_day_changed AFTER UPDATE OF captures ON report_days
FOR EACH ROW WHEN (NEW.captures <> OLD.captures) EXECUTE FUNCTION report_day_changed();

CREATE FUNCTION report_day_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_day_carry(OLD, -OLD.captures);
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_day_removed AFTER DELETE ON report_days
FOR EACH ROW EXECUTE FUNCTION report_day_removed();

-- One per-login daily row's change, carried to its month.
CREATE FUNCTION report_pupil_day_carry(p report_pupil_days, concerns_delta BIGINT, false_positives_delta BIGINT)
    RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_pupil_months AS m (month, login, concerns, false_positives)
    VALUES (report_month_of(p.day), p.login, concerns_delta, false_positives_delta)
    ON CONFLICT (month, login) DO UPDATE SET concerns = m.concerns + excluded.concerns,
                                             false_positives = m.false_positives + excluded.false_positives;
END;
$$;

CREATE FUNCTION report_pupil_day_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_pupil_day_carry(NEW, NEW.concerns, NEW.false_positives);
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_pupil_day_added AFTER INSERT ON report_pupil_days
FOR EACH ROW EXECUTE FUNCTION report_pupil_day_added();

CREATE FUNCTION report_pupil_day_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_pupil_day_carry(NEW, NEW.concerns - OLD.concerns, NEW.false_positives - OLD.false_positives);
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_pupil_day_changed AFTER UPDATE OF concerns, false_positives ON report_pupil_days
FOR EACH ROW WHEN (NEW.concerns <> OLD.concerns OR NEW.false_positives <> OLD.false_positives)
EXECUTE FUNCTION report_pupil_day_changed();

CREATE FUNCTION report_pupil_day_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_pupil_day_carry(OLD, -OLD.concerns, -OLD.false_positives);
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_pupil_day_removed AFTER DELETE ON report_pupil_days
FOR EACH ROW EXECUTE FUNCTION report_pupil_day_removed();
