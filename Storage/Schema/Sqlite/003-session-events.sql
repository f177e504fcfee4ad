-- Sessions: SQLite schema version 3, the event outbox. Idempotent.
--
-- One row per session start or end, inserted in the same transaction as the session row it describes (its first
-- insert, its delete, or the purge's delete of a lapsed row), so an event exists exactly when its change committed.
-- The dispatcher reads the oldest rows, hands them to the subscribers and deletes them. Times are Unix milliseconds;
-- kind 0 is a start, 1 an end; reason is the SessionEndReason of an end. No session id: the handle is a hash of it.

CREATE TABLE IF NOT EXISTS sessions_events
(
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    service_id   TEXT    NOT NULL,
    kind         INTEGER NOT NULL,
    handle       TEXT    NOT NULL,
    user_id      TEXT    NULL,
    created_at   INTEGER NOT NULL,
    occurred_at  INTEGER NOT NULL,
    reason       INTEGER NULL,
    page_views   INTEGER NOT NULL,
    interactions INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_sessions_events_service ON sessions_events (service_id, seq);
