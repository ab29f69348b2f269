-- Report aggregates counted per statement: PostgreSQL only (issue 17, ADR 0202). SQLite has no statement-level
-- triggers and no transition tables; its row triggers (V45) run in the writer's own process, where a capture's
-- seven upserts cost little (ADR 0200's figures), so they stay as they are. This file is the PostgreSQL twin's
-- empty partner: Flyway numbers migrations per database the same way (MigrationTwinsTest).
SELECT 1;
