-- Users get an email address (issue 10): where alerts for DSLs and device notices for IT go. NULL: none given;
-- such a user gets no email. Not unique: a school may route two roles to one shared safeguarding mailbox.

ALTER TABLE users ADD COLUMN email TEXT;
