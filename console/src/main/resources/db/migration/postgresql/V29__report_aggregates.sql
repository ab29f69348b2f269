-- Trends and reports (issue 15, ADR 0153), PostgreSQL twin: the same daily aggregates, kept exact by triggers in
-- the same transaction as every change to the captures. A delta of +1 or -1 is an upsert, so the steps add up the
-- same whatever order the triggers fire in. Days are UTC days since the epoch of occurred_at (integer division).

ALTER TABLE captures ADD COLUMN first_reviewed_at BIGINT;
UPDATE captures SET first_reviewed_at = CASE
    WHEN first_opened_at IS NOT NULL AND (status = 'NEW' OR status_changed_at IS NULL
                                         OR first_opened_at <= status_changed_at) THEN first_opened_at
    WHEN status <> 'NEW' THEN coalesce(status_changed_at, first_opened_at, received_at)
    END;

CREATE FUNCTION captures_first_review() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE captures SET first_reviewed_at = coalesce(NEW.first_opened_at, NEW.status_changed_at, NEW.received_at)
    WHERE id = NEW.id;
    RETURN NULL;
END;
$$;
CREATE TRIGGER captures_first_review AFTER UPDATE OF status, first_opened_at ON captures
FOR EACH ROW
WHEN (NEW.first_reviewed_at IS NULL AND (NEW.first_opened_at IS NOT NULL OR NEW.status <> 'NEW'))
EXECUTE FUNCTION captures_first_review();

CREATE TABLE report_days (
    day      BIGINT  NOT NULL,
    category TEXT    NOT NULL,
    severity BIGINT  NOT NULL,
    status   TEXT    NOT NULL,
    outcome  TEXT    NOT NULL,
    captures BIGINT  NOT NULL,
    PRIMARY KEY (day, category, severity, status, outcome)
);

CREATE TABLE report_pupil_days (
    day             BIGINT  NOT NULL,
    login           TEXT    NOT NULL,
    concerns        BIGINT  NOT NULL,
    false_positives BIGINT  NOT NULL,
    PRIMARY KEY (day, login)
);

CREATE TABLE report_delay_buckets (
    within_minutes BIGINT PRIMARY KEY
);
INSERT INTO report_delay_buckets (within_minutes) VALUES (5), (15), (30), (60), (120), (240), (480), (1440), (2880),
    (4320), (10080), (20160), (43200), (525600000);

CREATE TABLE report_delays (
    day            BIGINT  NOT NULL,
    measure        TEXT    NOT NULL CHECK (measure IN ('REVIEW', 'CLOSURE')),
    within_minutes BIGINT  NOT NULL,
    captures       BIGINT  NOT NULL,
    PRIMARY KEY (day, measure, within_minutes)
);

-- What is there already.
INSERT INTO report_days (day, category, severity, status, outcome, captures)
SELECT occurred_at / 86400000, category, severity, status, coalesce(outcome, ''), count(*)
FROM captures GROUP BY 1, 2, 3, 4, 5;
INSERT INTO report_pupil_days (day, login, concerns, false_positives)
SELECT occurred_at / 86400000, lower(os_user), sum(CASE WHEN status <> 'FALSE_POSITIVE' THEN 1 ELSE 0 END),
       sum(CASE WHEN status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END)
FROM captures GROUP BY 1, 2;
INSERT INTO report_delays (day, measure, within_minutes, captures)
SELECT day, 'REVIEW', bucket, count(*)
FROM (SELECT occurred_at / 86400000 AS day,
             (SELECT min(b.within_minutes) FROM report_delay_buckets b
              WHERE first_reviewed_at - received_at <= b.within_minutes * 60000) AS bucket
      FROM captures WHERE first_reviewed_at IS NOT NULL) reviewed
GROUP BY day, bucket;
INSERT INTO report_delays (day, measure, within_minutes, captures)
SELECT day, 'CLOSURE', bucket, count(*)
FROM (SELECT occurred_at / 86400000 AS day,
             (SELECT min(b.within_minutes) FROM report_delay_buckets b
              WHERE closed_at - received_at <= b.within_minutes * 60000) AS bucket
      FROM captures WHERE closed_at IS NOT NULL) closed
GROUP BY day, bucket;

-- One capture row's share of the aggregates, added (delta 1) or taken away (delta -1).
CREATE FUNCTION report_count(c captures, delta BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    day_of BIGINT := c.occurred_at / 86400000;
    review_bucket BIGINT;
    closure_bucket BIGINT;
BEGIN
    INSERT INTO report_days AS r (day, category, severity, status, outcome, captures)
    VALUES (day_of, c.category, c.severity, c.status, coalesce(c.outcome, ''), delta)
    ON CONFLICT (day, category, severity, status, outcome) DO UPDATE SET captures = r.captures + delta;

    INSERT INTO report_pupil_days AS p (day, login, concerns, false_positives)
    VALUES (day_of, lower(c.os_user), CASE WHEN c.status <> 'FALSE_POSITIVE' THEN delta ELSE 0 END,
            CASE WHEN c.status = 'FALSE_POSITIVE' THEN delta ELSE 0 END)
    ON CONFLICT (day, login) DO UPDATE SET concerns = p.concerns + excluded.concerns,
                                           false_positives = p.false_positives + excluded.false_positives;

    IF c.first_reviewed_at IS NOT NULL THEN
        SELECT min(b.within_minutes) INTO review_bucket FROM report_delay_buckets b
        WHERE c.first_reviewed_at - c.received_at <= b.within_minutes * 60000;
        IF review_bucket IS NOT NULL THEN
            INSERT INTO report_delays AS d (day, measure, within_minutes, captures)
            VALUES (day_of, 'REVIEW', review_bucket, delta)
            ON CONFLICT (day, measure, within_minutes) DO UPDATE SET captures = d.captures + delta;
        END IF;
    END IF;
    IF c.closed_at IS NOT NULL THEN
        SELECT min(b.within_minutes) INTO closure_bucket FROM report_delay_buckets b
        WHERE c.closed_at - c.received_at <= b.within_minutes * 60000;
        IF closure_bucket IS NOT NULL THEN
            INSERT INTO report_delays AS d (day, measure, within_minutes, captures)
            VALUES (day_of, 'CLOSURE', closure_bucket, delta)
            ON CONFLICT (day, measure, within_minutes) DO UPDATE SET captures = d.captures + delta;
        END IF;
    END IF;
END;
$$;

CREATE FUNCTION report_capture_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_count(NEW, 1);
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_capture_added AFTER INSERT ON captures
    FOR EACH ROW EXECUTE FUNCTION report_capture_added();

CREATE FUNCTION report_capture_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_count(OLD, -1);
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_capture_removed AFTER DELETE ON captures
    FOR EACH ROW EXECUTE FUNCTION report_capture_removed();

CREATE FUNCTION report_capture_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_count(OLD, -1);
    PERFORM report_count(NEW, 1);
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_capture_changed
AFTER UPDATE OF occurred_at, received_at, category, severity, status, outcome, os_user, first_reviewed_at, closed_at
ON captures
FOR EACH ROW EXECUTE FUNCTION report_capture_changed();
