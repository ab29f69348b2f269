-- Users get an email address (issue 10), PostgreSQL twin.
ALTER TABLE users ADD COLUMN email TEXT;
