using System.Data;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;
using Sessions.Tests.Fixtures;

namespace Sessions.Tests.Postgres;

/// <summary>The reminder queries at SQL level: versions, guarded delete, signed ring ranges, long periods.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReminderQueryTests(PostgresFixture fixture)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upsert_EveryCall_MovesVersionAndDeleteNeedsCurrentOne()
    {
        var db = await NewDatabaseAsync();

        Assert.Equal(0, await UpsertAsync(db, "g/1", 5, TimeSpan.FromMinutes(1)));
        Assert.Equal(1, await UpsertAsync(db, "g/1", 5, TimeSpan.FromMinutes(2)));
        Assert.Equal(0, await DeleteAsync(db, "g/1", version: 0));
        var row = Assert.Single(await OrleansQueries.RunAsync(db, "ReadReminderRowKey", Cancel,
            Service, ("GrainId", "g/1", DbType.AnsiString), ("ReminderName", "r", DbType.String)));
        Assert.Equal(120_000L, row["Period"]);
        Assert.Equal(1, await DeleteAsync(db, "g/1", version: 1));
        Assert.Empty(await OrleansQueries.RunAsync(db, "ReadReminderRowsKey", Cancel, Service, ("GrainId", "g/1", DbType.AnsiString)));
    }

    [Fact]
    public async Task Ranges_UseSignedHashes_AndLongPeriodsFit()
    {
        var db = await NewDatabaseAsync();
        await UpsertAsync(db, "g/min", int.MinValue + 1, TimeSpan.FromDays(40));
        await UpsertAsync(db, "g/neg", -100, TimeSpan.FromMinutes(1));
        await UpsertAsync(db, "g/pos", 100, TimeSpan.FromMinutes(1));
        await UpsertAsync(db, "g/max", int.MaxValue, TimeSpan.FromMinutes(1));

        Assert.Equal(["g/neg", "g/pos"], await RangeAsync(db, "ReadRangeRows1Key", -1000, 1000));
        Assert.Equal(["g/max", "g/min"], await RangeAsync(db, "ReadRangeRows2Key", 1000, -1000));
        Assert.Equal(["g/max", "g/min", "g/neg", "g/pos"], await RangeAsync(db, "ReadRangeRows2Key", 7, 7));
        var longOne = Assert.Single(await OrleansQueries.RunAsync(db, "ReadReminderRowsKey", Cancel, Service, ("GrainId", "g/min", DbType.AnsiString)));
        Assert.Equal((long)TimeSpan.FromDays(40).TotalMilliseconds, longOne["Period"]);

        await OrleansQueries.RunAsync(db, "DeleteReminderRowsKey", Cancel, Service);
        Assert.Empty(await RangeAsync(db, "ReadRangeRows2Key", 0, 0));
    }

    private static (string, object?, DbType) Service => ("ServiceId", "svc", DbType.String);

    private async Task<string> NewDatabaseAsync()
    {
        var db = await fixture.CreateDatabaseAsync(Cancel);
        await PostgresSchema.ApplyAsync(db, Cancel);
        return db;
    }

    private static async Task<int> UpsertAsync(string db, string grainId, int hash, TimeSpan period)
    {
        // Orleans binds periods up to int.MaxValue milliseconds as Int32, longer ones as Int64.
        var ms = (long)period.TotalMilliseconds;
        (string, object?, DbType) periodParameter = ms <= int.MaxValue ? ("Period", (int)ms, DbType.Int32) : ("Period", ms, DbType.Int64);
        var rows = await OrleansQueries.RunAsync(db, "UpsertReminderRowKey", Cancel,
            Service, ("GrainHash", hash, DbType.Int32), ("GrainId", grainId, DbType.AnsiString), ("ReminderName", "r", DbType.String),
            ("StartTime", DateTime.UtcNow, DbType.DateTime), periodParameter);
        return (int)Assert.Single(rows)["Version"]!;
    }

    private static Task<int> DeleteAsync(string db, string grainId, int version) =>
        OrleansQueries.SingleIntAsync(db, "DeleteReminderRowKey", Cancel,
            Service, ("GrainId", grainId, DbType.AnsiString), ("ReminderName", "r", DbType.String), ("Version", version, DbType.Int32));

    private static async Task<List<string>> RangeAsync(string db, string key, int begin, int end)
    {
        var rows = await OrleansQueries.RunAsync(db, key, Cancel,
            Service, ("BeginHash", begin, DbType.Int32), ("EndHash", end, DbType.Int32));
        return rows.Select(r => (string)r["GrainId"]!).Order(StringComparer.Ordinal).ToList();
    }
}
