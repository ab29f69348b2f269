-- Screenshots in the console's PostgreSQL database (ADR 0179), for `serve --screenshots postgresql`: one row per
-- image, addressed by its SHA-256 and type like the file and object stores; stored_at is the console's clock (epoch
-- ms) when a capture last stored it, which retention compares before deleting. Twin of the SQLite script (SQLite
-- consoles keep their screenshots as files; the table is there so both schemas stay the same).
CREATE TABLE screenshot_images (
    sha256     TEXT    NOT NULL CHECK (length(sha256) = 64),
    media_type TEXT    NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png')),
    data       BYTEA   NOT NULL,
    stored_at  BIGINT  NOT NULL,
    PRIMARY KEY (sha256, media_type)
);

CREATE INDEX screenshot_images_stored_at ON screenshot_images (stored_at);
