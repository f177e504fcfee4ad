using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// The read-lease test cluster: leases of the default duration measured on <see cref="LeaseClock"/> (fake, shared with
/// the frontends the tests make), so no lease runs out and no wait ends unless a test advances it.
/// </summary>
public sealed class LeaseClusterFixture : ClusterFixture
{
    public LeaseClock LeaseClock { get; } = new();

    /// <summary>What the silos logged (lease revocations that went unconfirmed are logged at Debug).</summary>
    public LogRecorder SiloLogs { get; } = new();

    /// <summary>Loses the answers to lease revocations on their way back to the grains, when a test says so.</summary>
    public LostRevocationAnswers LostAnswers { get; } = new();

    /// <summary>The silos' lease duration: the default.</summary>
    public static TimeSpan Duration { get; } = new ReadLeaseOptions().Duration;

    protected override void ConfigureReadLeases(ReadLeaseOptions options)
    {
    }

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.AddKeyedSingleton<TimeProvider>(ReadLeaseOptions.TimeProviderKey, LeaseClock);
        silo.AddOutgoingGrainCallFilter(LostAnswers);
        silo.Services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(SiloLogs);
        silo.Services.AddLogging(logging => logging.AddFilter(typeof(Sessions.Grains.SessionGrain).FullName, LogLevel.Debug));
    }
}
