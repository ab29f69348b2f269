-- Alerts that are not about one new capture (issue 10), PostgreSQL twin: the outbox changes in place, rows kept.

ALTER TABLE alert_outbox ADD COLUMN kind TEXT;
ALTER TABLE alert_outbox ADD COLUMN dedupe_key TEXT;
ALTER TABLE alert_outbox ADD COLUMN subject TEXT;
ALTER TABLE alert_outbox ADD COLUMN body TEXT;
UPDATE alert_outbox SET kind = 'CAPTURE', dedupe_key = CAST(capture_id AS TEXT);
ALTER TABLE alert_outbox ALTER COLUMN kind SET NOT NULL;
ALTER TABLE alert_outbox ALTER COLUMN dedupe_key SET NOT NULL;
ALTER TABLE alert_outbox ALTER COLUMN capture_id DROP NOT NULL;
ALTER TABLE alert_outbox ADD CONSTRAINT alert_outbox_kind
    CHECK (kind IN ('CAPTURE', 'ESCALATION', 'ASSIGNMENT', 'DIGEST', 'IT'));
ALTER TABLE alert_outbox DROP CONSTRAINT alert_outbox_once;
ALTER TABLE alert_outbox ADD CONSTRAINT alert_outbox_once UNIQUE (kind, dedupe_key, channel, recipient);
ALTER TABLE alert_outbox ADD CONSTRAINT alert_outbox_capture_or_not
    CHECK ((kind IN ('DIGEST', 'IT')) = (capture_id IS NULL));
ALTER TABLE alert_outbox ADD CONSTRAINT alert_outbox_composed
    CHECK (capture_id IS NOT NULL OR (subject IS NOT NULL AND body IS NOT NULL));

CREATE INDEX alert_outbox_capture ON alert_outbox (capture_id);

CREATE TABLE school_settings (
    key        TEXT    PRIMARY KEY,
    value      TEXT    NOT NULL,
    updated_at BIGINT  NOT NULL,
    updated_by TEXT    NOT NULL
);
