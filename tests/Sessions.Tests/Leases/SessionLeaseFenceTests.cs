using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Sessions.Grains;

namespace Sessions.Tests.Leases;

/// <summary>
/// The fence of an activation that read its session from storage: its first change waits until every lease an earlier
/// activation could have granted ran out and, with membership confirmation on, until a duplicate on a silo declared
/// dead has stopped answering; with both off it waits for nothing.
/// </summary>
public sealed class SessionLeaseFenceTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    private readonly LeaseClock _clock = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task TheFirstChange_WaitsOutTheLongerOfTheLeaseAndTheMembershipWindow(bool leases, bool membership)
    {
        var settings = Settings(leases);
        var confirmation = membership ? new SiloMembership(Window, _clock, _services.GetRequiredService<IMeterFactory>()) : new SiloMembership();
        var fence = SessionLease.GrantorBound(membership ? Window : settings.Duration);
        var fenced = SessionLeases.Fenced(settings, confirmation)!;

        var waited = _clock.OneShotTimerMade(fence);
        var change = fenced.RevokeAsync(new SessionLeaseRevocation("key", 1, false), settings, fence: true, NullLogger.Instance).AsTask();
        await waited.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        _clock.Advance(fence - TimeSpan.FromMilliseconds(1));
        Assert.False(change.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        await change.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken); // real-time guard
    }

    [Fact]
    public void WithLeasesAndMembershipConfirmationOff_NoActivationIsFenced() =>
        Assert.Null(SessionLeases.Fenced(Settings(leases: false), new SiloMembership()));

    private SessionLeaseSettings Settings(bool leases) => new(
        Options.Create(new ReadLeaseOptions { Enabled = leases }), _clock, new Silo(), _services.GetRequiredService<IMeterFactory>());

    private sealed class Silo : ILocalSiloDetails
    {
        public string Name => "silo";

        public string ClusterId => "test";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress { get; } = SiloAddress.New(IPAddress.Loopback, 11111, 1);

        public SiloAddress GatewayAddress { get; } = SiloAddress.New(IPAddress.Loopback, 30000, 1);
    }
}
