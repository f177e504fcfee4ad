-- Sessions: SQLite schema version 2, the session table of the Sessions storage engine. Idempotent.
--
-- One row per session, keyed by the session grain's key: a keyed hash of the session id, never the id itself.
-- Beside the serialized state (payload) it keeps what the purge, a per-user index and session-end events read
-- without decoding it: user id, creation, last access and expiry (Unix milliseconds, as the grain knows them) and
-- written_at, the database's clock at the last write (fixed-width ISO-8601 UTC text, so text order is time order).
-- The version is the optimistic-concurrency check of every write.

CREATE TABLE IF NOT EXISTS sessions_state
(
    service_id     TEXT    NOT NULL,
    grain_key      TEXT    NOT NULL,
    version        INTEGER NOT NULL,
    user_id        TEXT    NULL,
    created_at     INTEGER NOT NULL,
    last_access_at INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    written_at     TEXT    NOT NULL,
    payload        BLOB    NOT NULL
);

-- A rowid table with a unique index rather than WITHOUT ROWID: rows carry a payload of a kilobyte or more, which
-- SQLite stores poorly inside the key's B-tree.
CREATE UNIQUE INDEX IF NOT EXISTS ux_sessions_state_key ON sessions_state (service_id, grain_key);

CREATE INDEX IF NOT EXISTS ix_sessions_state_written ON sessions_state (service_id, written_at);

CREATE INDEX IF NOT EXISTS ix_sessions_state_user ON sessions_state (service_id, user_id) WHERE user_id IS NOT NULL;
