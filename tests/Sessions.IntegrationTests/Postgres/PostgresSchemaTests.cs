using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;
using Sessions.Tests.Fixtures;

namespace Sessions.Tests.Postgres;

[Collection(PostgresCollection.Name)]
public sealed class PostgresSchemaTests(PostgresFixture fixture)
{
    /// <summary>Every key Orleans' three ADO.NET packages (10.4.2) look up, spelled exactly.</summary>
    private static readonly string[] QueryKeys =
    [
        "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey",
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
        "ReadReminderRowsKey", "ReadRangeRows1Key", "ReadRangeRows2Key", "ReadReminderRowKey",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Apply_Twice_RecordsVersionOnceAndChangesNothing()
    {
        var db = await fixture.CreateDatabaseAsync(Cancel);

        var first = await PostgresSchema.ApplyAsync(db, Cancel);
        var second = await PostgresSchema.ApplyAsync(db, Cancel);

        Assert.Null(first.PreviousVersion);
        Assert.Equal(PostgresSchema.CurrentVersion, first.Version);
        Assert.Equal(PostgresSchema.Scripts.Select(s => s.Name), first.AppliedScripts);
        Assert.Equal(PostgresSchema.CurrentVersion, second.PreviousVersion);
        Assert.Empty(second.AppliedScripts);
        Assert.Equal(Enumerable.Range(1, PostgresSchema.CurrentVersion),
            await Sql.ColumnAsync<int>(db, "SELECT version FROM sessions_schema_version ORDER BY version", Cancel));
        Assert.Equal(QueryKeys.Order(StringComparer.Ordinal),
            await Sql.ColumnAsync<string>(db, "SELECT QueryKey FROM OrleansQuery ORDER BY QueryKey COLLATE \"C\"", Cancel));
        Assert.Equal(PostgresSchemaStatus.Current, (await PostgresSchema.CheckAsync(db, Cancel)).Status);
    }

    [Fact]
    public async Task Scripts_RunAgainOverExistingSchema_KeepData()
    {
        var db = await CurrentSchemaThenAsync("""
            INSERT INTO sessions_grain_state (service_id, state_name, key_n0, key_n1, key_ext, payload, version)
            VALUES ('svc', 'other', 0, 0, 'k', '\x01'::bytea, 7);
            INSERT INTO sessions_state (service_id, grain_key, version, created_at, last_access_at, expires_at, payload)
            VALUES ('svc', 'k', 5, now(), now(), now(), '\x01'::bytea);
            DELETE FROM sessions_schema_version;
            """);

        var again = await PostgresSchema.ApplyAsync(db, Cancel);

        Assert.Equal(PostgresSchema.Scripts.Count, again.AppliedScripts.Count);
        Assert.Equal(7, await Sql.ScalarAsync<int>(db, "SELECT version FROM sessions_grain_state WHERE key_ext = 'k'", Cancel));
        Assert.Equal(5L, await Sql.ScalarAsync<long>(db, "SELECT version FROM sessions_state WHERE grain_key = 'k'", Cancel));
        Assert.Equal(QueryKeys.Length, (int)await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM OrleansQuery", Cancel));
    }

    [Fact]
    public async Task Apply_ManySilosAtOnce_OneAppliesOthersFindItCurrent()
    {
        var db = await fixture.CreateDatabaseAsync(Cancel);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostgresSchema.ApplyAsync(db, Cancel)));

        Assert.Single(results, r => r.AppliedScripts.Count > 0);
        Assert.All(results, r => Assert.Equal(PostgresSchema.CurrentVersion, r.Version));
    }

    [Fact]
    public async Task Apply_NewerVersionRecorded_IsRefused()
    {
        var db = await fixture.CreateDatabaseAsync(Cancel);
        await PostgresSchema.ApplyAsync(db, Cancel);
        await Sql.ExecuteAsync(db, "INSERT INTO sessions_schema_version (version) VALUES (99);", Cancel);

        var error = await Assert.ThrowsAsync<PostgresSchemaException>(() => PostgresSchema.ApplyAsync(db, Cancel));
        var check = await PostgresSchema.CheckAsync(db, Cancel);

        Assert.Contains($"version 99, newer than this build's {PostgresSchema.CurrentVersion}", error.Message, StringComparison.Ordinal);
        Assert.Equal(PostgresSchemaStatus.Newer, check.Status);
    }

    [Fact]
    public async Task Apply_OverVersion2_AddsTheSessionTableAndForgetsRowsKeyedByRawSessionIds()
    {
        var db = await CurrentSchemaThenAsync("""
            DROP TABLE sessions_state;
            DROP TABLE sessions_secrets;
            DELETE FROM sessions_schema_version WHERE version > 2;
            INSERT INTO sessions_grain_state (service_id, state_name, key_n0, key_n1, key_ext, payload, version) VALUES
                ('svc', 'session', 0, 0, 'raw-session-id', '\x01'::bytea, 3),
                ('svc', 'other', 0, 0, 'kept', '\x01'::bytea, 1);
            """);

        var result = await PostgresSchema.ApplyAsync(db, Cancel);

        Assert.Equal(2, result.PreviousVersion);
        Assert.Equal(["003-1-sessions-state.sql", "003-2-forget-raw-keys.sql", "004-1-session-events.sql", "005-1-hot-updates.sql"],
            result.AppliedScripts);
        Assert.Equal(["kept"], await Sql.ColumnAsync<string>(db, "SELECT key_ext FROM sessions_grain_state", Cancel));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(db, "SELECT count(*) FROM sessions_state", Cancel));
    }

    [Fact]
    public async Task Apply_OverVersion4_BucketsTheWriteTimesOfExistingRows_AndIndexesTheBucketInsteadOfTheTime()
    {
        var db = await CurrentSchemaThenAsync("""
            DROP INDEX sessions_state_written_bucket;
            ALTER TABLE sessions_state DROP COLUMN written_bucket;
            ALTER TABLE sessions_state RESET (fillfactor);
            CREATE INDEX sessions_state_written ON sessions_state (service_id, written_at);
            DELETE FROM sessions_schema_version WHERE version > 4;
            INSERT INTO sessions_state (service_id, grain_key, version, created_at, last_access_at, expires_at, payload, written_at)
            VALUES ('svc', 'k', 5, now(), now(), now(), '\x01'::bytea, TIMESTAMPTZ '2026-01-01 10:17:30+00');
            """);

        var result = await PostgresSchema.ApplyAsync(db, Cancel);

        Assert.Equal(["005-1-hot-updates.sql"], result.AppliedScripts);
        Assert.Equal(new DateTime(2026, 1, 1, 10, 10, 0, DateTimeKind.Utc),
            await Sql.ScalarAsync<DateTime>(db, "SELECT written_bucket FROM sessions_state WHERE grain_key = 'k'", Cancel));
        Assert.Equal(["sessions_state_pkey", "sessions_state_user", "sessions_state_written_bucket"],
            await Sql.ColumnAsync<string>(db,
                "SELECT indexname::text FROM pg_indexes WHERE tablename = 'sessions_state' ORDER BY indexname COLLATE \"C\"", Cancel));
        Assert.Equal(["fillfactor=80"],
            await Sql.ColumnAsync<string>(db, "SELECT unnest(reloptions) FROM pg_class WHERE relname = 'sessions_state'", Cancel));
    }

    [Fact]
    public async Task Apply_OverVersion1_RunsTheLaterScriptsAndAddsThePurgeIndex()
    {
        var db = await CurrentSchemaThenAsync("""
            DROP INDEX sessions_grain_state_modified;
            DELETE FROM sessions_schema_version WHERE version > 1;
            """);
        var before = await PostgresSchema.CheckAsync(db, Cancel);

        var result = await PostgresSchema.ApplyAsync(db, Cancel);

        Assert.Equal(PostgresSchemaStatus.Outdated, before.Status);
        Assert.Equal(1, result.PreviousVersion);
        Assert.Equal(["002-1-purge-index.sql", "003-1-sessions-state.sql", "003-2-forget-raw-keys.sql", "004-1-session-events.sql",
                "005-1-hot-updates.sql"],
            result.AppliedScripts);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(db,
            "SELECT count(*) FROM pg_indexes WHERE indexname = 'sessions_grain_state_modified'", Cancel));
        Assert.Equal(PostgresSchemaStatus.Current, (await PostgresSchema.CheckAsync(db, Cancel)).Status);
    }

    [Fact]
    public async Task Check_EmptyDatabase_ReportsMissing()
    {
        var db = await fixture.CreateDatabaseAsync(Cancel);

        var check = await PostgresSchema.CheckAsync(db, Cancel);

        Assert.Equal(PostgresSchemaStatus.Missing, check.Status);
        Assert.Contains("migrate", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_ServerUnreachable_NamesHostAndPortButNotPassword()
    {
        var port = TestPorts.Next();
        var connection = $"Host=127.0.0.1;Port={port};Username=someone;Password=hunter2-secret;Database=nowhere;Timeout=5";

        var error = await Assert.ThrowsAsync<PostgresSchemaException>(() => PostgresSchema.ApplyAsync(connection, Cancel));

        Assert.StartsWith($"Cannot reach PostgreSQL at 127.0.0.1:{port}, database 'nowhere'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A fresh database at this build's schema, then changed by <paramref name="sql"/>.</summary>
    private async Task<string> CurrentSchemaThenAsync(string sql)
    {
        var db = await fixture.CreateDatabaseAsync(Cancel);
        await PostgresSchema.ApplyAsync(db, Cancel);
        await Sql.ExecuteAsync(db, sql, Cancel);
        return db;
    }
}
