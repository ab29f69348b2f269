-- Alerts sent once across console instances (issue 17, ADR 0173): an instance claims an alert for a lease before it
-- sends it; an instance that dies mid-send leaves a claim that expires, and another sends the alert then.
ALTER TABLE alert_outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE alert_outbox ADD COLUMN claimed_until INTEGER;
