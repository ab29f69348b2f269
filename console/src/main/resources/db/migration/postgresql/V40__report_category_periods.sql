-- Reports' per-period counts from narrow rows (issue 15, ADR 0157), PostgreSQL twin: per week and per month, the
-- captures of each category, false positives (1) apart from the rest (0), kept by triggers on V31's weekly and
-- monthly rows so the grains cannot disagree.
--
-- report_category_weeks   captures per week (the UTC day number of its Monday), category and false positive or not.
-- report_category_months  the same per calendar month (the UTC day number of its first day).

CREATE TABLE report_category_weeks (
    week           BIGINT NOT NULL,
    category       TEXT   NOT NULL,
    false_positive BIGINT NOT NULL CHECK (false_positive IN (0, 1)),
    captures       BIGINT NOT NULL,
    PRIMARY KEY (week, category, false_positive)
);

CREATE TABLE report_category_months (
    month          BIGINT NOT NULL,
    category       TEXT   NOT NULL,
    false_positive BIGINT NOT NULL CHECK (false_positive IN (0, 1)),
    captures       BIGINT NOT NULL,
    PRIMARY KEY (month, category, false_positive)
);

-- What is there already.
INSERT INTO report_category_weeks (week, category, false_positive, captures)
SELECT week, category, CASE WHEN status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END, sum(captures)
FROM report_weeks GROUP BY 1, 2, 3;
INSERT INTO report_category_months (month, category, false_positive, captures)
SELECT month, category, CASE WHEN status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END, sum(captures)
FROM report_months GROUP BY 1, 2, 3;

-- One weekly row's change of count (delta), carried to its category row.
CREATE FUNCTION report_week_carry(w report_weeks, delta BIGINT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_category_weeks AS c (week, category, false_positive, captures)
    VALUES (w.week, w.category, CASE WHEN w.status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END, delta)
    ON CONFLICT (week, category, false_positive) DO UPDATE SET captures = c.captures + delta;
END;
$$;

CREATE FUNCTION report_week_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_week_carry(NEW, NEW.captures);
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_week_added AFTER INSERT ON report_weeks
FOR EACH ROW EXECUTE FUNCTION report_week_added();

CREATE FUNCTION report_week_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_week_carry(NEW, NEW.captures - OLD.captures);
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_week_changed AFTER UPDATE OF captures ON report_weeks
FOR EACH ROW WHEN (NEW.captures <> OLD.captures) EXECUTE FUNCTION report_week_changed();

CREATE FUNCTION report_week_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_week_carry(OLD, -OLD.captures);
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_week_removed AFTER DELETE ON report_weeks
FOR EACH ROW EXECUTE FUNCTION report_week_removed();

-- One monthly row's change of count (delta), carried to its category row.
CREATE FUNCTION report_month_carry(m report_months, delta BIGINT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_category_months AS c (month, category, false_positive, captures)
    VALUES (m.month, m.category, CASE WHEN m.status = 'FALSE_POSITIVE' THEN 1 ELSE 0 END, delta)
    ON CONFLICT (month, category, false_positive) DO UPDATE SET captures = c.captures + delta;
END;
$$;

CREATE FUNCTION report_month_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_month_carry(NEW, NEW.captures);
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_month_added AFTER INSERT ON report_months
FOR EACH ROW EXECUTE FUNCTION report_month_added();

CREATE FUNCTION report_month_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_month_carry(NEW, NEW.captures - OLD.captures);
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_month_changed AFTER UPDATE OF captures ON report_months
FOR EACH ROW WHEN (NEW.captures <> OLD.captures) EXECUTE FUNCTION report_month_changed();

CREATE FUNCTION report_month_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM report_month_carry(OLD, -OLD.captures);
    RETURN NULL;
END;
$$;
CREATE TRIGGER report_month_removed AFTER DELETE ON report_months
FOR EACH ROW EXECUTE FUNCTION report_month_removed();
