-- Sessions: SQLite upgrade to schema version 3 (run once, on a file of version 2 or older, after 002).
-- The columns the purge copies into the end event of a lapsed row without decoding its payload: the session's public
-- handle, why it lapses at expires_at (the SessionEndReason: 2 idle, 3 absolute; null for a renewal's trace, which
-- is no session) and its visit counters as last stored. Rows written before keep the defaults.

ALTER TABLE sessions_state ADD COLUMN handle TEXT NOT NULL DEFAULT '';
ALTER TABLE sessions_state ADD COLUMN expiry_reason INTEGER NULL DEFAULT 2;
ALTER TABLE sessions_state ADD COLUMN page_views INTEGER NOT NULL DEFAULT 0;
ALTER TABLE sessions_state ADD COLUMN interactions INTEGER NOT NULL DEFAULT 0;
