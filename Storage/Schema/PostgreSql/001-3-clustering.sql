-- Sessions: PostgreSQL schema version 1, part 3 of 4: cluster membership (Orleans.Clustering.AdoNet, invariant Npgsql).
-- Idempotent: re-running keeps the data and refreshes the queries and routines.
--
-- Orleans passes the cluster id as @DeploymentId. Each cluster has one row in sessions_membership_version holding
-- the table version, and one row per silo incarnation in sessions_membership. Every insert or update of a silo row
-- must check the version Orleans read, change the row and bump the version as one all-or-nothing step; the two
-- functions below do that by locking the version row first. Heartbeats and clean-up never touch the version.

CREATE TABLE IF NOT EXISTS sessions_membership_version
(
    deployment_id text        NOT NULL PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0 CHECK (version >= 0),
    changed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS sessions_membership
(
    deployment_id   text        NOT NULL REFERENCES sessions_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL,
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Adds a silo row when the cluster's version is still p_version and the row does not exist yet, and bumps the
-- version. Returns 1 when both happened, 0 when nothing changed.
-- The FOR UPDATE lock on the version row serialises every writer of this cluster: a writer that waited re-checks
-- the version after the holder commits and finds it moved. The function runs inside the caller's single
-- statement, so the insert and the bump commit together or not at all.
CREATE OR REPLACE FUNCTION sessions_membership_insert(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_silo_name       text,
    p_host_name       text,
    p_status          integer,
    p_proxy_port      integer,
    p_start_time      timestamptz,
    p_i_am_alive_time timestamptz,
    p_version         integer)
    RETURNS integer
    LANGUAGE plpgsql
AS $fn$
BEGIN
    PERFORM 1
    FROM sessions_membership_version AS v
    WHERE v.deployment_id = p_deployment_id AND v.version = p_version AND v.version < 2147483647
    FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    INSERT INTO sessions_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
         suspect_times, start_time, i_am_alive_time)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
         NULL, p_start_time, p_i_am_alive_time)
    ON CONFLICT (deployment_id, address, port, generation) DO NOTHING;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE sessions_membership_version AS v
    SET version = v.version + 1, changed_at = now()
    WHERE v.deployment_id = p_deployment_id;
    RETURN 1;
END;
$fn$;

-- Changes an existing silo row when the cluster's version is still p_version, and bumps the version.
-- Returns 1 when both happened, 0 when nothing changed. Same locking as sessions_membership_insert.
-- The I-am-alive time never moves backwards.
CREATE OR REPLACE FUNCTION sessions_membership_update(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_status          integer,
    p_suspect_times   text,
    p_i_am_alive_time timestamptz,
    p_version         integer)
    RETURNS integer
    LANGUAGE plpgsql
AS $fn$
BEGIN
    PERFORM 1
    FROM sessions_membership_version AS v
    WHERE v.deployment_id = p_deployment_id AND v.version = p_version AND v.version < 2147483647
    FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE sessions_membership AS m
    SET status = p_status,
        suspect_times = p_suspect_times,
        i_am_alive_time = greatest(m.i_am_alive_time, p_i_am_alive_time)
    WHERE m.deployment_id = p_deployment_id AND m.address = p_address
      AND m.port = p_port AND m.generation = p_generation;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE sessions_membership_version AS v
    SET version = v.version + 1, changed_at = now()
    WHERE v.deployment_id = p_deployment_id;
    RETURN 1;
END;
$fn$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
-- One row, one column: 1 when this call created the cluster's version row, 0 when it already existed.
('InsertMembershipVersionKey', $q$
WITH created AS
(
    INSERT INTO sessions_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT count(*)::integer AS "Created" FROM created;
$q$),
('InsertMembershipKey', $q$
SELECT sessions_membership_insert(
    @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
    @StartTime, @IAmAliveTime, @Version) AS "Inserted";
$q$),
('UpdateMembershipKey', $q$
SELECT sessions_membership_update(
    @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version) AS "Updated";
$q$),
-- The heartbeat: one statement on the primary key, never touching the version.
('UpdateIAmAlivetimeKey', $q$
UPDATE sessions_membership AS m
SET i_am_alive_time = greatest(m.i_am_alive_time, @IAmAliveTime)
WHERE m.deployment_id = @DeploymentId AND m.address = @Address AND m.port = @Port AND m.generation = @Generation;
$q$),
-- Read shape: the version on every row; with no silos, one row whose silo columns (StartTime included) are NULL.
('MembershipReadAllKey', $q$
SELECT v.version AS "Version",
       m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM sessions_membership_version AS v
LEFT JOIN sessions_membership AS m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId;
$q$),
('MembershipReadRowKey', $q$
SELECT v.version AS "Version",
       m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM sessions_membership_version AS v
LEFT JOIN sessions_membership AS m
       ON m.deployment_id = v.deployment_id
      AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId;
$q$),
('GatewaysQueryKey', $q$
SELECT m.address AS "Address", m.proxy_port AS "ProxyPort", m.generation AS "Generation"
FROM sessions_membership AS m
WHERE m.deployment_id = @DeploymentId AND m.status = @Status AND m.proxy_port > 0;
$q$),
-- Removes the cluster: the silo rows go with the version row (ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey', $q$
DELETE FROM sessions_membership_version WHERE deployment_id = @DeploymentId;
$q$),
-- Bulk clean-up, used by Orleans only when CleanupDefunctSiloEntryKey is missing: Dead (6) silos whose
-- start and last heartbeat are both older than the cutoff.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM sessions_membership AS m
WHERE m.deployment_id = @DeploymentId AND m.status = 6
  AND m.i_am_alive_time < @IAmAliveTime AND m.start_time < @IAmAliveTime;
$q$),
-- Per-row clean-up: delete one Dead silo row only if it still holds exactly the values Orleans looked at.
('CleanupDefunctSiloEntryKey', $q$
DELETE FROM sessions_membership AS m
WHERE m.deployment_id = @DeploymentId AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
  AND m.status = 6
  AND m.start_time = @StartTime AND m.i_am_alive_time = @IAmAliveTime
  AND coalesce(m.suspect_times, '') = coalesce(@SuspectTimes, '');
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
