-- Sessions: PostgreSQL schema version 5, part 1 of 1: session writes as heap-only (HOT) updates. Idempotent.
--
-- PostgreSQL writes an update as heap-only (no new entry in any index, less WAL, no index bloat) only when no indexed
-- column changes and the new row version fits in the old one's page. written_at changes on every write and was
-- indexed for the purge, so every session write inserted into all three indexes. The purge now finds its candidates
-- by written_bucket, written_at rounded down to 10 minutes, which a session's writes within those 10 minutes leave
-- unchanged, and checks written_at itself; fillfactor leaves room in each page for a row's next version.
--
-- The default keeps inserts of a build before version 5 valid (after a rollback): their rows get the insert's bucket,
-- and their updates leave it behind written_at, where the purge's written_at check still holds.
-- Adding the column, filling it and building the index lock session writes meanwhile: on a large existing table, run
-- the migration ('Sessions.Silo migrate') at a quiet time. Pages written before keep their fill until rewritten.

ALTER TABLE sessions_state ADD COLUMN IF NOT EXISTS written_bucket timestamptz;

UPDATE sessions_state
SET written_bucket = date_bin('10 minutes', written_at, TIMESTAMPTZ '2000-01-01 00:00:00+00')
WHERE written_bucket IS NULL;

ALTER TABLE sessions_state
    ALTER COLUMN written_bucket SET DEFAULT date_bin('10 minutes', now(), TIMESTAMPTZ '2000-01-01 00:00:00+00'),
    ALTER COLUMN written_bucket SET NOT NULL;

CREATE INDEX IF NOT EXISTS sessions_state_written_bucket ON sessions_state (service_id, written_bucket);

DROP INDEX IF EXISTS sessions_state_written;

ALTER TABLE sessions_state SET (fillfactor = 80);
