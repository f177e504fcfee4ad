using Microsoft.Extensions.DependencyInjection;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;

namespace Sessions.Tests.Fixtures;

/// <summary>The SQLite test cluster with a subscriber of session events that tests can take down and bring back.</summary>
public sealed class EventsClusterFixture : SqliteClusterFixture
{
    public RecordingEventSubscriber Events { get; } = new();

    public Task<int> DispatchAsync() => Grains.GetGrain<ISessionEventDispatcherGrain>(0).DispatchNowAsync(TestContext.Current.CancellationToken).AsTask();

    /// <summary>Runs the purge on every row of this cluster, as if each were older than the purge threshold.</summary>
    public Task<int> PurgeEveryRowAsync() =>
        new SqliteSessionRowPurger(SqliteSchema.ConnectionString(DatabasePath), ServiceId, SessionStorageEngine.Sessions)
            .DeleteBatchAsync(TimeSpan.Zero, 10_000, TestContext.Current.CancellationToken);

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        base.ConfigureSilo(silo);
        silo.Services.AddSingleton<ISessionEventSubscriber>(Events);
    }
}
