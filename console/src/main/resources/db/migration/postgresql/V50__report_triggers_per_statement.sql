-- Report aggregates counted per statement on PostgreSQL (issue 17, ADR 0202). Ingest inserts a writer's batch of
-- captures 64 rows a statement (ADR 0200), and V45's row triggers then ran seven PL/pgSQL upserts per capture: the
-- whole of PostgreSQL's ingest time. An AFTER INSERT (and AFTER DELETE) trigger per statement sees the statement's
-- rows as a transition table and adds them in one grouped upsert per aggregate: one row per key the statement
-- touched, with the count of its captures (or minus it, for a delete: retention's purge deletes in batches).
-- Counting a group at once adds up to the same as V45's +1 per capture, as each step is an upsert of a sum.
--
-- Updates keep V45's row triggers: PostgreSQL allows no transition table on a trigger with a column list (UPDATE OF),
-- those column lists and WHEN conditions are what keep an update from recounting what it did not change, and
-- triage updates one capture at a time.
--
-- Rows are upserted in key order, so two console instances inserting at once take the aggregates' row locks in the
-- same order (no deadlock between them).

DROP TRIGGER report_capture_added ON captures;
DROP TRIGGER report_capture_removed ON captures;
DROP FUNCTION report_capture_added();
DROP FUNCTION report_capture_removed();

-- One function for both triggers: each names its transition table "changed"; an insert adds, a delete takes away.
CREATE FUNCTION report_captures_counted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    delta BIGINT := CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END;
BEGIN
    INSERT INTO report_days AS r (school_id, day, category, severity, status, outcome, captures)
    SELECT school_id, occurred_at / 86400000, category, severity, status, coalesce(outcome, ''), delta * count(*)
    FROM changed GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (school_id, day, category, severity, status, outcome)
        DO UPDATE SET captures = r.captures + excluded.captures;
    IF NOT FOUND THEN
        RETURN NULL; -- no row in the statement (every one of a batch already stored): nothing else to count
    END IF;
    INSERT INTO report_weeks AS r (school_id, week, category, severity, status, outcome, captures)
    SELECT school_id, report_week_of(occurred_at / 86400000), category, severity, status, coalesce(outcome, ''),
           delta * count(*)
    FROM changed GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (school_id, week, category, severity, status, outcome)
        DO UPDATE SET captures = r.captures + excluded.captures;
    INSERT INTO report_months AS r (school_id, month, category, severity, status, outcome, captures)
    SELECT school_id, report_month_of(occurred_at / 86400000), category, severity, status, coalesce(outcome, ''),
           delta * count(*)
    FROM changed GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (school_id, month, category, severity, status, outcome)
        DO UPDATE SET captures = r.captures + excluded.captures;
    INSERT INTO report_category_weeks AS r (school_id, week, category, false_positive, captures)
    SELECT school_id, report_week_of(occurred_at / 86400000), category,
           CASE WHEN status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END, delta * count(*)
    FROM changed GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (school_id, week, category, false_positive) DO UPDATE SET captures = r.captures + excluded.captures;
    INSERT INTO report_category_months AS r (school_id, month, category, false_positive, captures)
    SELECT school_id, report_month_of(occurred_at / 86400000), category,
           CASE WHEN status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END, delta * count(*)
    FROM changed GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (school_id, month, category, false_positive) DO UPDATE SET captures = r.captures + excluded.captures;
    INSERT INTO report_pupil_days AS p (school_id, day, login, concerns, false_positives)
    SELECT school_id, occurred_at / 86400000, lower(os_user),
           delta * count(*) FILTER (WHERE status <> 'FALSE_POSITIVE'),
           delta * count(*) FILTER (WHERE status = 'FALSE_POSITIVE')
    FROM changed GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (school_id, day, login) DO UPDATE SET concerns = p.concerns + excluded.concerns,
        false_positives = p.false_positives + excluded.false_positives;
    INSERT INTO report_pupil_months AS p (school_id, month, login, concerns, false_positives)
    SELECT school_id, report_month_of(occurred_at / 86400000), lower(os_user),
           delta * count(*) FILTER (WHERE status <> 'FALSE_POSITIVE'),
           delta * count(*) FILTER (WHERE status = 'FALSE_POSITIVE')
    FROM changed GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (school_id, month, login) DO UPDATE SET concerns = p.concerns + excluded.concerns,
        false_positives = p.false_positives + excluded.false_positives;
    -- the delays: a capture counts once per measure it has a time for, in the first bucket that time fits
    INSERT INTO report_delays AS d (school_id, day, measure, within_minutes, captures)
    SELECT school_id, day, measure, bucket, delta * count(*)
    FROM (SELECT c.school_id, c.occurred_at / 86400000 AS day, m.measure,
                 (SELECT min(b.within_minutes) FROM report_delay_buckets b
                  WHERE m.at - c.received_at <= b.within_minutes * 60000) AS bucket
          FROM changed c
          CROSS JOIN LATERAL (VALUES ('REVIEW', c.first_reviewed_at), ('CLOSURE', c.closed_at)) AS m (measure, at)
          WHERE m.at IS NOT NULL) timed
    WHERE bucket IS NOT NULL
    GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (school_id, day, measure, within_minutes) DO UPDATE SET captures = d.captures + excluded.captures;
    RETURN NULL;
END;
$$;

CREATE TRIGGER report_captures_added AFTER INSERT ON captures
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION report_captures_counted();
CREATE TRIGGER report_captures_removed AFTER DELETE ON captures
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION report_captures_counted();
