-- Sessions: grain persistence on SQLite for Orleans' ADO.NET provider (invariant System.Data.SQLite).
-- Idempotent: re-running it keeps the data and refreshes the queries. Schema version in PRAGMA user_version, the
-- write-ahead log (journal_mode WAL) set by SqliteSchema outside the transaction the scripts run in.
--
-- One row per (service, state name, grain key). The key columns follow Orleans' split of a grain key:
-- KeyN0/KeyN1 for GUID and integer keys, KeyExt for the key extension or the whole string key ('' when none).
-- The unique index makes a second concurrent first write fail instead of inserting a duplicate row.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS SessionsGrainState
(
    ServiceId  TEXT    NOT NULL,
    StateName  TEXT    NOT NULL,
    KeyN0      INTEGER NOT NULL,
    KeyN1      INTEGER NOT NULL,
    KeyExt     TEXT    NOT NULL,
    Payload    BLOB    NULL,
    Version    INTEGER NOT NULL,
    ModifiedOn TEXT    NOT NULL
);

CREATE UNIQUE INDEX IF NOT EXISTS UX_SessionsGrainState_Identity
    ON SessionsGrainState (ServiceId, StateName, KeyN0, KeyN1, KeyExt);

-- The purge of abandoned sessions finds rows of one service and state name by age (ModifiedOn is ISO-8601 UTC text
-- of fixed width, so text order is time order).
CREATE INDEX IF NOT EXISTS IX_SessionsGrainState_Modified
    ON SessionsGrainState (ServiceId, StateName, ModifiedOn);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
SELECT Payload AS PayloadBinary, Version
FROM SessionsGrainState
WHERE ServiceId = @ServiceId AND StateName = @GrainTypeString
  AND KeyN0 = @GrainIdN0 AND KeyN1 = @GrainIdN1 AND KeyExt = IFNULL(@GrainIdExtensionString, '''');
'),
-- Insert when the caller has no version, update only the row holding the caller's version; the two
-- statements exclude each other, so at most one row comes back. No row means a version conflict.
('WriteToStorageKey', '
INSERT INTO SessionsGrainState (ServiceId, StateName, KeyN0, KeyN1, KeyExt, Payload, Version, ModifiedOn)
SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, IFNULL(@GrainIdExtensionString, ''''), @PayloadBinary, 1,
       strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING Version AS NewGrainStateVersion;
UPDATE SessionsGrainState
SET Payload = @PayloadBinary,
    Version = CASE WHEN Version >= 2147483647 THEN 1 ELSE Version + 1 END,
    ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE ServiceId = @ServiceId AND StateName = @GrainTypeString
  AND KeyN0 = @GrainIdN0 AND KeyN1 = @GrainIdN1 AND KeyExt = IFNULL(@GrainIdExtensionString, '''')
  AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
'),
('ClearStorageKey', '
UPDATE SessionsGrainState
SET Payload = NULL,
    Version = CASE WHEN Version >= 2147483647 THEN 1 ELSE Version + 1 END,
    ModifiedOn = strftime(''%Y-%m-%dT%H:%M:%fZ'', ''now'')
WHERE ServiceId = @ServiceId AND StateName = @GrainTypeString
  AND KeyN0 = @GrainIdN0 AND KeyN1 = @GrainIdN1 AND KeyExt = IFNULL(@GrainIdExtensionString, '''')
  AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
'),
('DeleteStorageKey', '
DELETE FROM SessionsGrainState
WHERE ServiceId = @ServiceId AND StateName = @GrainTypeString
  AND KeyN0 = @GrainIdN0 AND KeyN1 = @GrainIdN1 AND KeyExt = IFNULL(@GrainIdExtensionString, '''')
  AND Version = @GrainStateVersion
RETURNING Version + 1 AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;

