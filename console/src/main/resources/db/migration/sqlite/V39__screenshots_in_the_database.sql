-- Screenshots in the console's database (ADR 0179): used on PostgreSQL only (`serve --screenshots postgresql`);
-- a SQLite console keeps its screenshots as files. Twin of the PostgreSQL script, so both schemas stay the same.
CREATE TABLE screenshot_images (
    sha256     TEXT    NOT NULL CHECK (length(sha256) = 64),
    media_type TEXT    NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png')),
    data       BLOB    NOT NULL,
    stored_at  INTEGER NOT NULL,
    PRIMARY KEY (sha256, media_type)
);

CREATE INDEX screenshot_images_stored_at ON screenshot_images (stored_at);
