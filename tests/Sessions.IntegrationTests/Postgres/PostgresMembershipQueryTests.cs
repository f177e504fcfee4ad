using System.Data;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;
using Sessions.Tests.Fixtures;

namespace Sessions.Tests.Postgres;

/// <summary>The membership queries at SQL level: version guard, atomicity under concurrency, read shape, clean-up.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMembershipQueryTests(PostgresFixture fixture)
{
    private const int Active = 3;
    private const int Dead = 6;
    private static readonly DateTime Start = new(2025, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InsertAndUpdate_StaleVersion_ChangeNothing()
    {
        var db = await NewDatabaseAsync();
        Assert.Equal(1, await OrleansQueries.SingleIntAsync(db, "InsertMembershipVersionKey", Cancel, Deployment));
        Assert.Equal(0, await OrleansQueries.SingleIntAsync(db, "InsertMembershipVersionKey", Cancel, Deployment));

        var empty = Assert.Single(await ReadAllAsync(db));
        Assert.Equal(0, empty["Version"]);
        Assert.Null(empty["StartTime"]);

        Assert.Equal(1, await InsertAsync(db, port: 1, version: 0));
        Assert.Equal(0, await InsertAsync(db, port: 2, version: 0));     // stale version
        Assert.Equal(0, await InsertAsync(db, port: 1, version: 1));     // row exists
        Assert.Equal(0, await UpdateAsync(db, port: 1, Active, version: 0));
        Assert.Equal(0, await UpdateAsync(db, port: 9, Active, version: 1)); // no such row
        Assert.Equal(1, await UpdateAsync(db, port: 1, Active, version: 1));

        var row = Assert.Single(await ReadAllAsync(db));
        Assert.Equal(2, row["Version"]);
        Assert.Equal(Active, row["Status"]);
        Assert.Equal(Start, row["StartTime"]);
    }

    [Fact]
    public async Task Insert_ManyWritersWithSameVersion_ExactlyOneWins()
    {
        var db = await NewDatabaseAsync();
        await OrleansQueries.SingleIntAsync(db, "InsertMembershipVersionKey", Cancel, Deployment);

        var results = await Task.WhenAll(Enumerable.Range(1, 10).Select(port => InsertAsync(db, port, version: 0)));

        Assert.Equal(1, results.Sum());
        var rows = await ReadAllAsync(db);
        Assert.Equal(1, Assert.Single(rows)["Version"]);
    }

    [Fact]
    public async Task HeartbeatAndCleanup_LeaveVersionAlone()
    {
        var db = await NewDatabaseAsync();
        await OrleansQueries.SingleIntAsync(db, "InsertMembershipVersionKey", Cancel, Deployment);
        await InsertAsync(db, port: 1, version: 0);
        await InsertAsync(db, port: 2, version: 1);
        await UpdateAsync(db, port: 2, Dead, version: 2);

        await OrleansQueries.RunAsync(db, "UpdateIAmAlivetimeKey", Cancel,
            [Deployment, Address, Int("Port", 1), Int("Generation", 1), Time("IAmAliveTime", Start.AddMinutes(5))]);
        await OrleansQueries.RunAsync(db, "UpdateIAmAlivetimeKey", Cancel,
            [Deployment, Address, Int("Port", 1), Int("Generation", 1), Time("IAmAliveTime", Start.AddMinutes(1))]);
        // A changed row (other StartTime) is not deleted; the exact captured values are.
        await CleanupAsync(db, port: 2, startTime: Start.AddSeconds(1));
        Assert.Equal(2, (await ReadAllAsync(db)).Count);
        await CleanupAsync(db, port: 2, startTime: Start);

        var row = Assert.Single(await ReadAllAsync(db));
        Assert.Equal(3, row["Version"]);
        Assert.Equal(Start.AddMinutes(5), row["IAmAliveTime"]);
        var gateways = await OrleansQueries.RunAsync(db, "GatewaysQueryKey", Cancel, [Deployment, Int("Status", Active)]);
        Assert.Empty(gateways); // port 1 is still Joining

        await OrleansQueries.RunAsync(db, "DeleteMembershipTableEntriesKey", Cancel, [Deployment]);
        Assert.Empty(await ReadAllAsync(db));
    }

    private static (string, object?, DbType) Deployment => ("DeploymentId", "cluster-a", DbType.String);

    private static (string, object?, DbType) Address => ("Address", "127.0.0.1", DbType.AnsiString);

    private static (string, object?, DbType) Int(string name, int value) => (name, value, DbType.Int32);

    private static (string, object?, DbType) Time(string name, DateTime value) => (name, value, DbType.DateTime);

    private async Task<string> NewDatabaseAsync()
    {
        var db = await fixture.CreateDatabaseAsync(Cancel);
        await PostgresSchema.ApplyAsync(db, Cancel);
        return db;
    }

    private static Task<List<Dictionary<string, object?>>> ReadAllAsync(string db) =>
        OrleansQueries.RunAsync(db, "MembershipReadAllKey", Cancel, Deployment);

    private static Task<int> InsertAsync(string db, int port, int version) =>
        OrleansQueries.SingleIntAsync(db, "InsertMembershipKey", Cancel,
            Deployment, Address, Int("Port", port), Int("Generation", 1), ("SiloName", $"silo-{port}", DbType.String),
            ("HostName", "host", DbType.String), Int("Status", 2), Int("ProxyPort", 30000 + port),
            Time("StartTime", Start), Time("IAmAliveTime", Start), Int("Version", version));

    private static Task<int> UpdateAsync(string db, int port, int status, int version) =>
        OrleansQueries.SingleIntAsync(db, "UpdateMembershipKey", Cancel,
            Deployment, Address, Int("Port", port), Int("Generation", 1), Int("Status", status),
            ("SuspectTimes", null, DbType.String), Time("IAmAliveTime", Start), Int("Version", version));

    private static Task CleanupAsync(string db, int port, DateTime startTime) =>
        OrleansQueries.RunAsync(db, "CleanupDefunctSiloEntryKey", Cancel,
            Deployment, Address, Int("Port", port), Int("Generation", 1), ("SuspectTimes", "", DbType.String),
            Time("StartTime", startTime), Time("IAmAliveTime", Start));
}
