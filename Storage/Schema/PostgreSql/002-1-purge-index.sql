-- Sessions: PostgreSQL schema version 2, part 1 of 1: the index the purge of abandoned sessions runs on.
-- Idempotent. The purge deletes rows of one service and state name whose modified_at (written by the server on every
-- write) is older than a threshold, in batches; this index finds them without scanning the table.
-- Built inside the migration transaction (not CONCURRENTLY), so it blocks session writes while it builds: on a large
-- existing table, run the migration ('Sessions.Silo migrate') at a quiet time.

CREATE INDEX IF NOT EXISTS sessions_grain_state_modified
    ON sessions_grain_state (service_id, state_name, modified_at);
