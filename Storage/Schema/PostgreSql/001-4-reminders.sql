-- Sessions: PostgreSQL schema version 1, part 4 of 4: reminders (Orleans.Reminders.AdoNet, invariant Npgsql).
-- Idempotent: re-running keeps the data and refreshes the queries.
--
-- grain_hash is Orleans' uniform hash of the grain id cast to a signed int; the range queries compare it signed.
-- period_ms is bigint because Orleans binds periods beyond about 24.8 days as a 64-bit value.
-- version is the reminder's ETag: it changes on every upsert, so a stale unregister cannot remove a newer one.

CREATE TABLE IF NOT EXISTS sessions_reminders
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS sessions_reminders_ring ON sessions_reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadReminderRowsKey', $q$
SELECT r.grain_id AS "GrainId", r.reminder_name AS "ReminderName", r.start_time AS "StartTime",
       r.period_ms AS "Period", r.version AS "Version"
FROM sessions_reminders AS r
WHERE r.service_id = @ServiceId AND r.grain_id = @GrainId;
$q$),
('ReadReminderRowKey', $q$
SELECT r.grain_id AS "GrainId", r.reminder_name AS "ReminderName", r.start_time AS "StartTime",
       r.period_ms AS "Period", r.version AS "Version"
FROM sessions_reminders AS r
WHERE r.service_id = @ServiceId AND r.grain_id = @GrainId AND r.reminder_name = @ReminderName;
$q$),
-- The ring arc (BeginHash, EndHash] when it does not wrap (signed BeginHash < EndHash).
('ReadRangeRows1Key', $q$
SELECT r.grain_id AS "GrainId", r.reminder_name AS "ReminderName", r.start_time AS "StartTime",
       r.period_ms AS "Period", r.version AS "Version"
FROM sessions_reminders AS r
WHERE r.service_id = @ServiceId AND r.grain_hash > @BeginHash AND r.grain_hash <= @EndHash;
$q$),
-- The arc that wraps past the top of the signed range; BeginHash = EndHash means the whole ring.
('ReadRangeRows2Key', $q$
SELECT r.grain_id AS "GrainId", r.reminder_name AS "ReminderName", r.start_time AS "StartTime",
       r.period_ms AS "Period", r.version AS "Version"
FROM sessions_reminders AS r
WHERE r.service_id = @ServiceId AND (r.grain_hash > @BeginHash OR r.grain_hash <= @EndHash);
$q$),
-- New reminders start at version 0; every update moves the version on. Returns the new version.
('UpsertReminderRowKey', $q$
INSERT INTO sessions_reminders AS r (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time,
    period_ms = excluded.period_ms,
    grain_hash = excluded.grain_hash,
    version = sessions_next_version(r.version)
RETURNING r.version AS "Version";
$q$),
-- One row, one column: 1 when the row with that version was deleted, 0 otherwise.
('DeleteReminderRowKey', $q$
WITH deleted AS
(
    DELETE FROM sessions_reminders AS r
    WHERE r.service_id = @ServiceId AND r.grain_id = @GrainId AND r.reminder_name = @ReminderName
      AND r.version = @Version
    RETURNING 1
)
SELECT count(*)::integer AS "Deleted" FROM deleted;
$q$),
('DeleteReminderRowsKey', $q$
DELETE FROM sessions_reminders WHERE service_id = @ServiceId;
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
