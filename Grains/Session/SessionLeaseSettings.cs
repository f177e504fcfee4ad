using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Sessions.Grains;

/// <summary>
/// What every session grain of a silo reads about read leases: whether they are on, their duration, the monotonic
/// clock they are measured on, where this silo is (grants name it for access reports), and the lease meters.
/// </summary>
public sealed class SessionLeaseSettings
{
    private readonly Counter<long> _granted;
    private readonly Counter<long> _revoked;
    private readonly Histogram<double> _revocationWait;

    public SessionLeaseSettings(
        IOptions<ReadLeaseOptions> options,
        [FromKeyedServices(ReadLeaseOptions.TimeProviderKey)] TimeProvider clock,
        ILocalSiloDetails silo,
        IMeterFactory meters)
    {
        (Enabled, Duration, Clock, Silo) = (options.Value.Enabled, options.Value.Duration, clock, silo.SiloAddress);
        var meter = meters.Create(SessionsMeter.Name);
        _granted = meter.CreateCounter<long>("sessions.leases.granted", "{lease}", "Read leases granted (and renewed) to frontends.");
        _revoked = meter.CreateCounter<long>(
            "sessions.leases.revoked", "{lease}",
            "Read leases revoked before a change, by outcome: confirmed by the frontend, or waited out (no answer in time).");
        _revocationWait = meter.CreateHistogram<double>(
            "sessions.leases.revocation_wait.duration", "s", "How long a change waited for the revocation of its session's read leases.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 2, 5] });
    }

    public bool Enabled { get; }

    /// <summary>The longest lease granted (<c>ReadLeases:Duration</c>).</summary>
    public TimeSpan Duration { get; }

    /// <summary>The lease clock: only its monotonic timestamps are used.</summary>
    public TimeProvider Clock { get; }

    public SiloAddress Silo { get; }

    internal void Granted() => _granted.Add(1);

    internal void Revoked(bool confirmed) => _revoked.Add(1, new KeyValuePair<string, object?>("outcome", confirmed ? "confirmed" : "waited_out"));

    internal void RevocationWaited(long startTimestamp) => _revocationWait.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
}
