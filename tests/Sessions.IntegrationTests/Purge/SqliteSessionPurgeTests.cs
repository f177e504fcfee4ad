using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;

namespace Sessions.Tests.Purge;

/// <summary>
/// The purge of abandoned sessions in the embedded default topology: SQLite storage, localhost clustering and the
/// default (in-memory) reminders, hosted through <c>AddSessionsSilo</c>.
/// </summary>
public sealed class SqliteSessionPurgeTests : IDisposable
{
    private const int AbandonedSessions = 500;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>IdleTimeout 2 s * (1 + LastAccessPersistFraction 0.25) + Grace 0.</summary>
    private static readonly TimeSpan UsePeriod = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan Threshold = TimeSpan.FromSeconds(2.5);

    /// <summary>The purge's own run time (6 delete statements) and scheduling jitter on a busy 2-core machine.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    private readonly string _folder = Directory.CreateTempSubdirectory("sessions-purge-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(_folder, "sessions.db");

    [Fact]
    public async Task AbandonedSessions_EmbeddedDefaults_PurgedInBatchesWhileSessionsInUseSurvive()
    {
        var serviceId = $"svc-{Guid.NewGuid():N}";

        // 1. Sessions written by a silo whose purge is off and whose grains see a frozen clock, then a graceful stop:
        //    no grain is left that could end them.
        long eligible;
        var frozen = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using (var writer = await SessionsSiloHost.StartAsync(Settings(serviceId, purge: false), Cancel, frozen))
        {
            await PurgeScenario.CreateSessionsAsync(writer.Grains, "abandoned-", AbandonedSessions, Cancel);
            eligible = PurgeScenario.TimestampAfter(Stopwatch.GetTimestamp(), Threshold);
        }

        Assert.Equal(AbandonedSessions, await CountRowsAsync(serviceId, "abandoned-%"));

        // 2. A new silo with the purge on (the defaults: in-memory reminders), two sessions kept in use on it.
        await using var silo = await SessionsSiloHost.StartAsync(Settings(serviceId, purge: true), Cancel);
        var started = Stopwatch.GetTimestamp();
        var (written, read) = await PurgeScenario.CreateKeptSessionsAsync(silo.Grains, Cancel);
        var keptCreated = Stopwatch.GetTimestamp();
        using var stopUsing = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var use = PurgeScenario.KeepUsingAsync(written, read, UsePeriod, stopUsing.Token);

        var from = Math.Max(eligible, started);
        var gone = await Eventually.TrueAsync(
            async () => await CountRowsAsync(serviceId, "abandoned-%") == 0,
            PurgeScenario.Until(PurgeScenario.TimestampAfter(from, Interval * 2 + Slack)), TimeSpan.FromMilliseconds(50));
        var goneAfter = Stopwatch.GetElapsedTime(from);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{AbandonedSessions} abandoned rows gone {goneAfter.TotalSeconds:F2} s after they became purgeable and the silo was up");
        Assert.True(gone, $"{await CountRowsAsync(serviceId, "abandoned-%")} abandoned rows left {goneAfter.TotalSeconds:F1} s after they became purgeable. Purge log:\n{PurgeScenario.Describe(silo.Log)}");

        Assert.True(await PurgeScenario.PurgeTicksAsync(
            silo.Log, PurgeScenario.TimestampAfter(keptCreated, Threshold), ticks: 2, TimeSpan.FromSeconds(15)));
        await stopUsing.CancelAsync();
        var rounds = await use;

        // In use for longer than their rows need to lapse without use (the purges above then found them fresh).
        Assert.InRange(rounds, (int)Math.Ceiling(Threshold / UsePeriod), int.MaxValue);
        Assert.Equal(2, await CountRowsAsync(serviceId, "kept-%"));
        Assert.NotNull(await written.LoadAsync(Cancel));
        Assert.NotNull(await read.LoadAsync(Cancel));
        Assert.Equal(AbandonedSessions, PurgeScenario.LoggedDeletedRows(silo.Log));
        Assert.Equal(["purge:00:00:01", "session-events:00:01:00"], (await ReadRemindersAsync(silo)).Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Every reminder in the cluster's reminder table, as "name:period".</summary>
    private static async Task<List<string>> ReadRemindersAsync(SessionsSiloHost silo)
    {
        var table = silo.Host.Services.GetRequiredService<IReminderTable>();
        var low = await table.ReadRows(0, uint.MaxValue);       // hashes (0, max]
        var zero = await table.ReadRows(uint.MaxValue, 0);      // the wrapping arc (max, 0]: hash 0
        return low.Reminders.Concat(zero.Reminders)
            .Select(r => $"{r.ReminderName}:{r.Period.ToString("c", CultureInfo.InvariantCulture)}")
            .ToList();
    }

    private Dictionary<string, string?> Settings(string serviceId, bool purge) => new()
    {
        // Storage Sqlite, clustering Localhost and in-memory reminders are the defaults.
        ["Silo:SqlitePath"] = DatabasePath,
        ["Silo:SiloPort"] = TestPorts.Next().ToString(CultureInfo.InvariantCulture),
        ["Cluster:GatewayPort"] = TestPorts.Next().ToString(CultureInfo.InvariantCulture),
        ["Orleans:ServiceId"] = serviceId,
        ["Orleans:ClusterId"] = $"cluster-{Guid.NewGuid():N}",
        ["SessionExpiry:IdleTimeout"] = "00:00:02",
        ["SessionExpiry:MaxIdleTimeout"] = "00:00:02", // the purge waits for the longest idle timeout an app may ask for
        ["SessionPurge:Enabled"] = purge ? "true" : "false",
        ["SessionPurge:Interval"] = "00:00:01",
        ["SessionPurge:Grace"] = "00:00:00",
        ["SessionPurge:BatchSize"] = "100",
    };

    private async Task<long> CountRowsAsync(string serviceId, string keyPattern)
    {
        await using var connection = new SqliteConnection(SqliteSchema.ConnectionString(DatabasePath));
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT COUNT(*) FROM sessions_state WHERE service_id = $service AND grain_key LIKE $pattern";
        command.Parameters.AddWithValue("$service", serviceId);
        command.Parameters.AddWithValue("$pattern", keyPattern);
        return (long)(await command.ExecuteScalarAsync(Cancel))!;
    }
}
