-- Reports per school (issue 17, ADRs 0195 and 0196), PostgreSQL twin: every aggregate of V29, V31 and V40 keyed
-- by the capture's school first, rebuilt from the captures (the rows before held no school). The triggers no longer
-- cascade (captures → days → weeks and months → category rows): one function writes every grain of a capture, and
-- an update recounts only the aggregates whose columns it changed. Each step is an upsert of +1 or -1. The
-- aggregates carry no foreign key to schools (the captures they count do): a check on each new aggregate row would
-- cost every capture's transaction and prove nothing the captures' key does not.

DROP TRIGGER report_capture_added ON captures;
DROP TRIGGER report_capture_removed ON captures;
DROP TRIGGER report_capture_changed ON captures;
DROP FUNCTION report_capture_added();
DROP FUNCTION report_capture_removed();
DROP FUNCTION report_capture_changed();
DROP FUNCTION report_count(captures, BIGINT);
-- with their triggers and the carry functions that take their rows (V31, V40)
DROP TABLE report_days, report_weeks, report_months, report_pupil_days, report_pupil_months, report_category_weeks,
    report_category_months, report_delays CASCADE;

CREATE TABLE report_days (
    school_id BIGINT NOT NULL,
    day       BIGINT NOT NULL,
    category  TEXT   NOT NULL,
    severity  BIGINT NOT NULL,
    status    TEXT   NOT NULL,
    outcome   TEXT   NOT NULL,
    captures  BIGINT NOT NULL,
    PRIMARY KEY (school_id, day, category, severity, status, outcome)
);

CREATE TABLE report_weeks (
    school_id BIGINT NOT NULL,
    week      BIGINT NOT NULL,
    category  TEXT   NOT NULL,
    severity  BIGINT NOT NULL,
    status    TEXT   NOT NULL,
    outcome   TEXT   NOT NULL,
    captures  BIGINT NOT NULL,
    PRIMARY KEY (school_id, week, category, severity, status, outcome)
);

CREATE TABLE report_months (
    school_id BIGINT NOT NULL,
    month     BIGINT NOT NULL,
    category  TEXT   NOT NULL,
    severity  BIGINT NOT NULL,
    status    TEXT   NOT NULL,
    outcome   TEXT   NOT NULL,
    captures  BIGINT NOT NULL,
    PRIMARY KEY (school_id, month, category, severity, status, outcome)
);

CREATE TABLE report_category_weeks (
    school_id      BIGINT NOT NULL,
    week           BIGINT NOT NULL,
    category       TEXT   NOT NULL,
    false_positive BIGINT NOT NULL CHECK (false_positive IN (0, 1)),
    captures       BIGINT NOT NULL,
    PRIMARY KEY (school_id, week, category, false_positive)
);

CREATE TABLE report_category_months (
    school_id      BIGINT NOT NULL,
    month          BIGINT NOT NULL,
    category       TEXT   NOT NULL,
    false_positive BIGINT NOT NULL CHECK (false_positive IN (0, 1)),
    captures       BIGINT NOT NULL,
    PRIMARY KEY (school_id, month, category, false_positive)
);

CREATE TABLE report_pupil_days (
    school_id       BIGINT NOT NULL,
    day             BIGINT NOT NULL,
    login           TEXT   NOT NULL,
    concerns        BIGINT NOT NULL,
    false_positives BIGINT NOT NULL,
    PRIMARY KEY (school_id, day, login)
);

CREATE TABLE report_pupil_months (
    school_id       BIGINT NOT NULL,
    month           BIGINT NOT NULL,
    login           TEXT   NOT NULL,
    concerns        BIGINT NOT NULL,
    false_positives BIGINT NOT NULL,
    PRIMARY KEY (school_id, month, login)
);

CREATE TABLE report_delays (
    school_id      BIGINT NOT NULL,
    day            BIGINT NOT NULL,
    measure        TEXT   NOT NULL CHECK (measure IN ('REVIEW', 'CLOSURE')),
    within_minutes BIGINT NOT NULL,
    captures       BIGINT NOT NULL,
    PRIMARY KEY (school_id, day, measure, within_minutes)
);

-- What is there already, per school.
INSERT INTO report_days (school_id, day, category, severity, status, outcome, captures)
SELECT school_id, occurred_at / 86400000, category, severity, status, coalesce(outcome, ''), count(*)
FROM captures GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO report_weeks (school_id, week, category, severity, status, outcome, captures)
SELECT school_id, report_week_of(day), category, severity, status, outcome, sum(captures)
FROM report_days GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO report_months (school_id, month, category, severity, status, outcome, captures)
SELECT school_id, report_month_of(day), category, severity, status, outcome, sum(captures)
FROM report_days GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO report_category_weeks (school_id, week, category, false_positive, captures)
SELECT school_id, week, category, CASE WHEN status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END, sum(captures)
FROM report_weeks GROUP BY 1, 2, 3, 4;
INSERT INTO report_category_months (school_id, month, category, false_positive, captures)
SELECT school_id, month, category, CASE WHEN status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END, sum(captures)
FROM report_months GROUP BY 1, 2, 3, 4;
INSERT INTO report_pupil_days (school_id, day, login, concerns, false_positives)
SELECT school_id, occurred_at / 86400000, lower(os_user), sum(CASE WHEN status <> 'FALSE_POSITIVE' THEN 1 ELSE 0 END),
       sum(CASE WHEN status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END)
FROM captures GROUP BY 1, 2, 3;
INSERT INTO report_pupil_months (school_id, month, login, concerns, false_positives)
SELECT school_id, report_month_of(day), login, sum(concerns), sum(false_positives)
FROM report_pupil_days GROUP BY 1, 2, 3;
INSERT INTO report_delays (school_id, day, measure, within_minutes, captures)
SELECT school_id, day, 'REVIEW', bucket, count(*)
FROM (SELECT school_id, occurred_at / 86400000 AS day,
             (SELECT min(b.within_minutes) FROM report_delay_buckets b
              WHERE first_reviewed_at - received_at <= b.within_minutes * 60000) AS bucket
      FROM captures WHERE first_reviewed_at IS NOT NULL) reviewed
GROUP BY school_id, day, bucket;
INSERT INTO report_delays (school_id, day, measure, within_minutes, captures)
SELECT school_id, day, 'CLOSURE', bucket, count(*)
FROM (SELECT school_id, occurred_at / 86400000 AS day,
             (SELECT min(b.within_minutes) FROM report_delay_buckets b
              WHERE closed_at - received_at <= b.within_minutes * 60000) AS bucket
      FROM captures WHERE closed_at IS NOT NULL) closed
GROUP BY school_id, day, bucket;

-- A capture's share of the per-period grains (days, weeks, months, and the narrow per-category rows), of the
-- per-login grains, and of the delays; each added (delta 1) or taken away (delta -1).
CREATE FUNCTION report_count_periods(c captures, delta BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    day_of BIGINT := c.occurred_at / 86400000;
BEGIN
    INSERT INTO report_days AS r (school_id, day, category, severity, status, outcome, captures)
    VALUES (c.school_id, day_of, c.category, c.severity, c.status, coalesce(c.outcome, ''), delta)
    ON CONFLICT (school_id, day, category, severity, status, outcome) DO UPDATE SET captures = r.captures + delta;
    INSERT INTO report_weeks AS r (school_id, week, category, severity, status, outcome, captures)
    VALUES (c.school_id, report_week_of(day_of), c.category, c.severity, c.status, coalesce(c.outcome, ''), delta)
    ON CONFLICT (school_id, week, category, severity, status, outcome) DO UPDATE SET captures = r.captures + delta;
    INSERT INTO report_months AS r (school_id, month, category, severity, status, outcome, captures)
    VALUES (c.school_id, report_month_of(day_of), c.category, c.severity, c.status, coalesce(c.outcome, ''), delta)
    ON CONFLICT (school_id, month, category, severity, status, outcome) DO UPDATE SET captures = r.captures + delta;
    INSERT INTO report_category_weeks AS r (school_id, week, category, false_positive, captures)
    VALUES (c.school_id, report_week_of(day_of), c.category,
            CASE WHEN c.status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END, delta)
    ON CONFLICT (school_id, week, category, false_positive) DO UPDATE SET captures = r.captures + delta;
    INSERT INTO report_category_months AS r (school_id, month, category, false_positive, captures)
    VALUES (c.school_id, report_month_of(day_of), c.category,
            CASE WHEN c.status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END, delta)
    ON CONFLICT (school_id, month, category, false_positive) DO UPDATE SET captures = r.captures + delta;
END;
$$;

CREATE FUNCTION report_count_logins(c captures, delta BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    day_of BIGINT := c.occurred_at / 86400000;
BEGIN
    INSERT INTO report_pupil_days AS p (school_id, day, login, concerns, false_positives)
    VALUES (c.school_id, day_of, lower(c.os_user),
            CASE WHEN c.status <> 'FALSE_POSITIVE' THEN delta ELSE 0 END,
            CASE WHEN c.status = 'FALSE_POSITIVE' THEN delta ELSE 0 END)
    ON CONFLICT (school_id, day, login) DO UPDATE SET concerns = p.concerns + excluded.concerns,
        false_positives = p.false_positives + excluded.false_positives;
    INSERT INTO report_pupil_months AS p (school_id, month, login, concerns, false_positives)
    VALUES (c.school_id, report_month_of(day_of), lower(c.os_user),
            CASE WHEN c.status <> 'FALSE_POSITIVE' THEN delta ELSE 0 END,
            CASE WHEN c.status = 'FALSE_POSITIVE' THEN delta ELSE 0 END)
    ON CONFLICT (school_id, month, login) DO UPDATE SET concerns = p.concerns + excluded.concerns,
        false_positives = p.false_positives + excluded.false_positives;
END;
$$;

CREATE FUNCTION report_count_delays(c captures, delta BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    day_of BIGINT := c.occurred_at / 86400000;
    bucket BIGINT;
BEGIN
    IF c.first_reviewed_at IS NOT NULL THEN
        SELECT min(b.within_minutes) INTO bucket FROM report_delay_buckets b
        WHERE c.first_reviewed_at - c.received_at <= b.within_minutes * 60000;
        IF bucket IS NOT NULL THEN
            INSERT INTO report_delays AS d (school_id, day, measure, within_minutes, captures)
            VALUES (c.school_id, day_of, 'REVIEW', bucket, delta)
            ON CONFLICT (school_id, day, measure, within_minutes) DO UPDATE SET captures = d.captures + delta;
        END IF;
    END IF;
    bucket := NULL;
    IF c.closed_at IS NOT NULL THEN
        SELECT min(b.within_minutes) INTO bucket FROM report_delay_buckets b
        WHERE c.closed_at - c.received_at <= b.within_minutes * 60000;
        IF bucket IS NOT NULL THEN
            INSERT INTO report_delays AS d (school_id, day, measure, within_minutes, captures)
            VALUES (c.school_id, day_of, 'CLOSURE', bucket, delta)
            ON CONFLICT (school_id, day, measure, within_minutes) DO UPDATE SET captures = d.captures + delta;
        END IF;
    END IF;
END;
$$;

CREATE FUNCTION report_capture_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_count_periods(NEW, 1);
    PERFORM report_count_logins(NEW, 1);
    IF NEW.first_reviewed_at IS NOT NULL OR NEW.closed_at IS NOT NULL THEN
        PERFORM report_count_delays(NEW, 1);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_capture_added AFTER INSERT ON captures
    FOR EACH ROW EXECUTE FUNCTION report_capture_added();

CREATE FUNCTION report_capture_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_count_periods(OLD, -1);
    PERFORM report_count_logins(OLD, -1);
    IF OLD.first_reviewed_at IS NOT NULL OR OLD.closed_at IS NOT NULL THEN
        PERFORM report_count_delays(OLD, -1);
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_capture_removed AFTER DELETE ON captures
    FOR EACH ROW EXECUTE FUNCTION report_capture_removed();

-- An update recounts only the aggregates whose columns it changed.
CREATE FUNCTION report_periods_recounted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_count_periods(OLD, -1);
    PERFORM report_count_periods(NEW, 1);
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_periods_recounted AFTER UPDATE OF school_id, occurred_at, category, severity, status, outcome
ON captures FOR EACH ROW
WHEN (OLD.school_id <> NEW.school_id OR OLD.occurred_at / 86400000 <> NEW.occurred_at / 86400000
      OR OLD.category <> NEW.category OR OLD.severity <> NEW.severity OR OLD.status <> NEW.status
      OR OLD.outcome IS DISTINCT FROM NEW.outcome)
EXECUTE FUNCTION report_periods_recounted();

CREATE FUNCTION report_logins_recounted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_count_logins(OLD, -1);
    PERFORM report_count_logins(NEW, 1);
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_logins_recounted AFTER UPDATE OF school_id, occurred_at, status, os_user ON captures
FOR EACH ROW
WHEN (OLD.school_id <> NEW.school_id OR OLD.occurred_at / 86400000 <> NEW.occurred_at / 86400000
      OR lower(OLD.os_user) <> lower(NEW.os_user)
      OR (OLD.status = 'FALSE_POSITIVE') <> (NEW.status = 'FALSE_POSITIVE'))
EXECUTE FUNCTION report_logins_recounted();

CREATE FUNCTION report_delays_recounted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_count_delays(OLD, -1);
    PERFORM report_count_delays(NEW, 1);
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_delays_recounted
AFTER UPDATE OF school_id, occurred_at, received_at, first_reviewed_at, closed_at ON captures FOR EACH ROW
WHEN (OLD.school_id <> NEW.school_id OR OLD.occurred_at / 86400000 <> NEW.occurred_at / 86400000
      OR OLD.received_at <> NEW.received_at OR OLD.first_reviewed_at IS DISTINCT FROM NEW.first_reviewed_at
      OR OLD.closed_at IS DISTINCT FROM NEW.closed_at)
EXECUTE FUNCTION report_delays_recounted();
