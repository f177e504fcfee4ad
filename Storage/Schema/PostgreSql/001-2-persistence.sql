-- Sessions: PostgreSQL schema version 1, part 2 of 4: grain persistence (Orleans.Persistence.AdoNet, invariant Npgsql).
-- Idempotent: re-running keeps the data and refreshes the queries.
--
-- One row per (service, state name, grain key). The key columns follow Orleans' split of a grain key:
-- key_n0/key_n1 for GUID and integer keys, key_ext for the key extension or the whole string key ('' when none,
-- so that the unique index below can see two "no extension" rows as equal).
-- The unique index makes duplicate rows impossible: of two concurrent first writes one inserts and the other
-- gets no row back, which Orleans reports as a version conflict. Orleans' hashes are not stored: they are derived
-- from the identity columns and would only narrow a lookup the unique index already serves.

CREATE TABLE IF NOT EXISTS sessions_grain_state
(
    service_id  text        NOT NULL,
    state_name  text        NOT NULL,
    key_n0      bigint      NOT NULL,
    key_n1      bigint      NOT NULL,
    key_ext     text        NOT NULL,
    payload     bytea       NULL,
    version     integer     NOT NULL,
    modified_at timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX IF NOT EXISTS sessions_grain_state_identity
    ON sessions_grain_state (service_id, state_name, key_n0, key_n1, key_ext);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $q$
SELECT s.payload AS "PayloadBinary", s.version AS "Version"
FROM sessions_grain_state AS s
WHERE s.service_id = @ServiceId AND s.state_name = @GrainTypeString
  AND s.key_n0 = @GrainIdN0 AND s.key_n1 = @GrainIdN1 AND s.key_ext = coalesce(@GrainIdExtensionString, '');
$q$),
-- One statement, so it is atomic. With no version the caller expects no row: insert, or do nothing when a row
-- exists. With a version: update only the row still holding that version. The two branches exclude each other,
-- so at most one row comes back; no row means a version conflict.
('WriteToStorageKey', $q$
WITH inserted AS
(
    INSERT INTO sessions_grain_state (service_id, state_name, key_n0, key_n1, key_ext, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''), @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT (service_id, state_name, key_n0, key_n1, key_ext) DO NOTHING
    RETURNING version
),
updated AS
(
    UPDATE sessions_grain_state AS s
    SET payload = @PayloadBinary, version = sessions_next_version(s.version), modified_at = now()
    WHERE @GrainStateVersion IS NOT NULL
      AND s.service_id = @ServiceId AND s.state_name = @GrainTypeString
      AND s.key_n0 = @GrainIdN0 AND s.key_n1 = @GrainIdN1 AND s.key_ext = coalesce(@GrainIdExtensionString, '')
      AND s.version = @GrainStateVersion
    RETURNING s.version
)
SELECT version AS "NewGrainStateVersion" FROM inserted
UNION ALL
SELECT version FROM updated;
$q$),
-- Used only with DeleteStateOnClear = false: keeps the row as a tombstone (no payload, next version).
('ClearStorageKey', $q$
UPDATE sessions_grain_state AS s
SET payload = NULL, version = sessions_next_version(s.version), modified_at = now()
WHERE s.service_id = @ServiceId AND s.state_name = @GrainTypeString
  AND s.key_n0 = @GrainIdN0 AND s.key_n1 = @GrainIdN1 AND s.key_ext = coalesce(@GrainIdExtensionString, '')
  AND s.version = @GrainStateVersion
RETURNING s.version AS "NewGrainStateVersion";
$q$),
-- DeleteStateOnClear = true: the row goes away. Orleans wants a value different from the old version back.
('DeleteStorageKey', $q$
DELETE FROM sessions_grain_state AS s
WHERE s.service_id = @ServiceId AND s.state_name = @GrainTypeString
  AND s.key_n0 = @GrainIdN0 AND s.key_n1 = @GrainIdN1 AND s.key_ext = coalesce(@GrainIdExtensionString, '')
  AND s.version = @GrainStateVersion
RETURNING sessions_next_version(s.version) AS "NewGrainStateVersion";
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
