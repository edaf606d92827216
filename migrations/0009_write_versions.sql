-- Counters and the site carry a version like publications, so an edit made
-- from a stale copy is refused (412) instead of silently undoing another
-- editor's. Existing rows start at 1.
ALTER TABLE counters ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE site ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

-- A retried write replays the first answer whole, its ETag included.
ALTER TABLE idempotency_keys ADD COLUMN etag TEXT;
