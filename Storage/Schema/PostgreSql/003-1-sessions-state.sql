-- Sessions: PostgreSQL schema version 3, part 1 of 2: the session table of the Sessions storage engine. Idempotent.
--
-- One row per session, keyed by the session grain's key: a keyed hash of the session id, never the id itself.
-- Beside the serialized state (payload) it keeps what the purge, a per-user index and session-end events read
-- without decoding it: user id, creation, last access and expiry (as the grain knows them), and written_at, the
-- server's clock at the last write, which the purge of abandoned sessions compares with. The version is the
-- optimistic-concurrency check of every write.

CREATE TABLE IF NOT EXISTS sessions_state
(
    service_id     text        NOT NULL,
    grain_key      text        NOT NULL,
    version        bigint      NOT NULL,
    user_id        text        NULL,
    created_at     timestamptz NOT NULL,
    last_access_at timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    written_at     timestamptz NOT NULL DEFAULT now(),
    payload        bytea       NOT NULL,
    PRIMARY KEY (service_id, grain_key)
);

CREATE INDEX IF NOT EXISTS sessions_state_written ON sessions_state (service_id, written_at);

CREATE INDEX IF NOT EXISTS sessions_state_user ON sessions_state (service_id, user_id) WHERE user_id IS NOT NULL;

-- The secret the frontends hash session ids with to key the session grains (created by the first frontend that needs
-- it; rotating it ends every session).
CREATE TABLE IF NOT EXISTS sessions_secrets
(
    name       text        NOT NULL PRIMARY KEY,
    secret     bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
