using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Sessions.Tests.Postgres;

namespace Sessions.Tests.Purge;

/// <summary>The purge of abandoned sessions on a PostgreSQL cluster (clustering, storage and reminders in PostgreSQL).</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionPurgeTests(PostgresFixture fixture)
{
    private const int AbandonedSessions = 10_000;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>IdleTimeout 2 s * (1 + LastAccessPersistFraction 0.05) + Grace 0.</summary>
    private static readonly TimeSpan UsePeriod = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan Threshold = TimeSpan.FromSeconds(2.1);

    /// <summary>The purge's own run time (11 delete statements) and scheduling jitter on a busy 2-core machine.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(1);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AbandonedSessions_TenThousand_PurgedByOneReminderWhileSessionsInUseSurvive()
    {
        var db = await fixture.CreateDatabaseAsync(Cancel);
        var serviceId = PostgresTestCluster.NewServiceId();
        var clusterId = $"cluster-{Guid.NewGuid():N}";

        // 1. Sessions written by a silo whose purge is off and whose grains see a frozen clock: their own timers never
        //    end them. The silo then stops gracefully, so no grain is left to end them: they are abandoned.
        var frozen = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        long eligible;
        await using (var writer = await SessionsSiloHost.StartAsync(Settings(db, clusterId, serviceId, purge: false), Cancel, frozen))
        {
            var creating = Stopwatch.GetTimestamp();
            await PurgeScenario.CreateSessionsAsync(writer.Grains, "abandoned-", AbandonedSessions, Cancel);
            Output($"created {AbandonedSessions} sessions in {Stopwatch.GetElapsedTime(creating).TotalSeconds:F2} s");
            eligible = PurgeScenario.TimestampAfter(Stopwatch.GetTimestamp(), Threshold); // every row was written before now
        }

        Assert.Equal(AbandonedSessions, await CountRowsAsync(db, serviceId, "abandoned-%"));

        // 2. A new silo with the purge on. Two sessions are kept in use on it the whole time.
        await using var silo = await SessionsSiloHost.StartAsync(Settings(db, clusterId, serviceId, purge: true), Cancel);
        var started = Stopwatch.GetTimestamp();
        Output($"purging silo up {Stopwatch.GetElapsedTime(eligible, started).TotalSeconds:F2} s after the rows became purgeable");
        var (written, read) = await PurgeScenario.CreateKeptSessionsAsync(silo.Grains, Cancel);
        var keptCreated = Stopwatch.GetTimestamp();
        using var stopUsing = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var use = PurgeScenario.KeepUsingAsync(written, read, UsePeriod, stopUsing.Token);

        // All abandoned rows go within one purge interval (plus the purge's run time) of the later of "rows old enough"
        // (their idle timeout, plus the small last-access margin) and "silo up": idle timeout plus one purge period.
        var from = Math.Max(eligible, started);
        var gone = await Eventually.TrueAsync(
            async () => await CountRowsAsync(db, serviceId, "abandoned-%") == 0,
            PurgeScenario.Until(PurgeScenario.TimestampAfter(from, Interval + Slack)), TimeSpan.FromMilliseconds(50));
        var goneAfter = Stopwatch.GetElapsedTime(from);
        Output($"{AbandonedSessions} abandoned rows gone {goneAfter.TotalSeconds:F2} s after they became purgeable and the silo was up");
        Assert.True(gone, $"{await CountRowsAsync(db, serviceId, "abandoned-%")} abandoned rows left {goneAfter.TotalSeconds:F1} s after they became purgeable. Purge log:\n{PurgeScenario.Describe(silo.Log)}");

        // The sessions in use outlive two purges run after their rows would have lapsed without use.
        Assert.True(await PurgeScenario.PurgeTicksAsync(
            silo.Log, PurgeScenario.TimestampAfter(keptCreated, Threshold), ticks: 2, TimeSpan.FromSeconds(15)));
        await stopUsing.CancelAsync();
        var rounds = await use;

        // In use for longer than their rows need to lapse without use (the purges above then found them fresh).
        Assert.InRange(rounds, (int)Math.Ceiling(Threshold / UsePeriod), int.MaxValue);
        Assert.Equal(2, await CountRowsAsync(db, serviceId, "kept-%"));
        Assert.NotNull(await written.LoadAsync(Cancel));
        Assert.NotNull(await read.LoadAsync(Cancel));
        Assert.Equal(AbandonedSessions, PurgeScenario.LoggedDeletedRows(silo.Log));
        Assert.Equal(["purge:1000", "session-events:60000"], await Sql.ColumnAsync<string>(db,
            "SELECT reminder_name || ':' || period_ms FROM sessions_reminders WHERE service_id = @service ORDER BY reminder_name", Cancel,
            ("service", serviceId)));
    }

    private static void Output(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    private static Dictionary<string, string?> Settings(string db, string clusterId, string serviceId, bool purge) => new()
    {
        ["Cluster:Membership"] = "AdoNet",
        ["Silo:Storage"] = "PostgreSql",
        ["Silo:Reminders"] = "AdoNet",
        ["ConnectionStrings:Sessions"] = db,
        ["Silo:ApplySchemaOnStart"] = "true",
        ["Silo:AdvertisedIPAddress"] = "127.0.0.1",
        ["Silo:SiloPort"] = TestPorts.Next().ToString(CultureInfo.InvariantCulture),
        ["Cluster:GatewayPort"] = TestPorts.Next().ToString(CultureInfo.InvariantCulture),
        ["Orleans:ClusterId"] = clusterId,
        ["Orleans:ServiceId"] = serviceId,
        ["SessionExpiry:IdleTimeout"] = "00:00:02",
        ["SessionExpiry:MaxIdleTimeout"] = "00:00:02", // the purge waits for the longest idle timeout an app may ask for
        ["SessionExpiry:LastAccessPersistFraction"] = "0.05",
        ["SessionPurge:Enabled"] = purge ? "true" : "false",
        ["SessionPurge:Interval"] = "00:00:01",
        ["SessionPurge:Grace"] = "00:00:00",
    };

    private static Task<long> CountRowsAsync(string db, string serviceId, string keyPattern) =>
        Sql.ScalarAsync<long>(db,
            "SELECT count(*) FROM sessions_state WHERE service_id = @service AND grain_key LIKE @pattern",
            Cancel, ("service", serviceId), ("pattern", keyPattern));
}
