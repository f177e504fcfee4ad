-- Sessions: PostgreSQL schema version 4: session lifecycle events. Idempotent.
--
-- sessions_state gains what the purge copies into the end event of a lapsed row without decoding its payload: the
-- session's public handle, why it lapses at expires_at (the SessionEndReason: 2 idle, 3 absolute; null for a
-- renewal's trace, which is no session) and its visit counters as last stored.
--
-- sessions_events is the outbox: one row per session start or end, inserted in the same transaction as the change of
-- the session row it describes (its first insert, its delete, or the purge's delete of a lapsed row), so an event
-- exists exactly when its change committed. The dispatcher reads the oldest rows, hands them to the subscribers and
-- deletes them. kind 0 is a start, 1 an end; reason is the SessionEndReason of an end. No session id: the handle is
-- a hash of it.

ALTER TABLE sessions_state ADD COLUMN IF NOT EXISTS handle text NOT NULL DEFAULT '';
ALTER TABLE sessions_state ADD COLUMN IF NOT EXISTS expiry_reason integer NULL DEFAULT 2;
ALTER TABLE sessions_state ADD COLUMN IF NOT EXISTS page_views integer NOT NULL DEFAULT 0;
ALTER TABLE sessions_state ADD COLUMN IF NOT EXISTS interactions integer NOT NULL DEFAULT 0;

CREATE TABLE IF NOT EXISTS sessions_events
(
    seq          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    service_id   text        NOT NULL,
    kind         integer     NOT NULL,
    handle       text        NOT NULL,
    user_id      text        NULL,
    created_at   timestamptz NOT NULL,
    occurred_at  timestamptz NOT NULL,
    reason       integer     NULL,
    page_views   integer     NOT NULL,
    interactions integer     NOT NULL
);

CREATE INDEX IF NOT EXISTS sessions_events_service ON sessions_events (service_id, seq);
