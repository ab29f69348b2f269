-- Alerts by webhook (issue 10, ADR 0101), PostgreSQL twin: the outbox gets a second channel, in place.
ALTER TABLE alert_outbox DROP CONSTRAINT alert_outbox_channel;
ALTER TABLE alert_outbox ADD CONSTRAINT alert_outbox_channel CHECK (channel IN ('EMAIL', 'WEBHOOK'));
DROP INDEX alert_outbox_due;
CREATE INDEX alert_outbox_due ON alert_outbox (channel, next_attempt_at) WHERE delivered_at IS NULL;
