using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Sessions.AspNetCore;

namespace Sessions.Tests.Leases;

/// <summary>The frontend's lease cache, rule by rule, on a fake lease clock and a fake wall clock.</summary>
public sealed class SessionLeaseCacheTests : IDisposable
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(2);
    private static readonly SiloAddress Silo = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), 1);

    private readonly FakeTimeProvider _leaseClock = new();
    private readonly FakeTimeProvider _wallClock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly SessionLeaseCache _cache;

    public SessionLeaseCacheTests() => _cache = NewCache(new ReadLeaseOptions());

    public void Dispose()
    {
        _cache.Dispose();
        _services.Dispose();
    }

    [Fact]
    public void AGrantAtOrBelowARevokedVersion_IsRefused_AHigherOneIsTaken()
    {
        _cache.Revoke(new SessionLeaseRevocation("k", 5, Ended: false)); // the revocation arrives before its grant

        Assert.False(Accept("k", 5));
        Assert.False(Accept("k", 4));
        Assert.False(_cache.TryRead("k", out _));
        Assert.True(Accept("k", 6));
        Assert.True(_cache.TryRead("k", out _));
    }

    [Fact]
    public void AfterAnEndedRevocation_NoGrantIsTaken_UntilAGrantSentBeforeItCouldNoLongerBeValid()
    {
        _cache.Revoke(new SessionLeaseRevocation("k", 5, Ended: true));
        Assert.False(Accept("k", 9));

        Advance(SessionLease.HolderValidity(Duration));
        Assert.True(Accept("k", 9)); // a grant sent before the revocation would have run out by now
    }

    [Fact]
    public void AGrantOlderThanTheOneHeld_IsRefused()
    {
        Assert.True(Accept("k", 7));
        Assert.False(Accept("k", 6)); // a stale duplicate activation's version
        Assert.True(_cache.TryRead("k", out var read));
        Assert.Equal(7, read.Snapshot.Info.Version);
    }

    [Fact]
    public void ARevocationOfAnOlderVersion_LeavesANewerGrantInPlace()
    {
        Assert.True(Accept("k", 7));
        Assert.Null(_cache.Revoke(new SessionLeaseRevocation("k", 6, Ended: false)));
        Assert.True(_cache.TryRead("k", out _));
    }

    [Fact]
    public void ALease_RunsOutAHundredthEarly_CountedFromBeforeItsRequestLeft()
    {
        var requestedAt = _cache.Now();
        Advance(TimeSpan.FromMilliseconds(500)); // the round trip
        Assert.True(_cache.Accept("k", requestedAt, Lease(1), Snapshot(1)));

        Advance(SessionLease.HolderValidity(Duration) - TimeSpan.FromMilliseconds(600));
        Assert.True(_cache.TryRead("k", out _));
        Advance(TimeSpan.FromMilliseconds(100));
        Assert.False(_cache.TryRead("k", out _));
    }

    [Fact]
    public void AGapInTheWatchdogsTicks_DropsEveryLease_BeforeTheNextRead()
    {
        Assert.True(Accept("k", 1));
        _leaseClock.Advance(SessionLeaseCache.PauseLimit + TimeSpan.FromMilliseconds(1)); // one jump: the process did not run

        Assert.False(_cache.TryRead("k", out _));
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public void TheWallClockRunningAheadOfTheMonotonicOne_DropsEveryLease()
    {
        Assert.True(Accept("k", 1));
        _wallClock.Advance(TimeSpan.FromSeconds(30)); // a suspended machine: its monotonic clock stood still

        Assert.False(_cache.TryRead("k", out _));
        Assert.Equal(0, _cache.Count);
    }

    [Fact]
    public void ServeUntil_OnTheFrontendsOwnWallClock_EndsALeaseEarly_AndReadsSlideTheExpiryTheyShow()
    {
        var renewalDue = _wallClock.GetUtcNow() + TimeSpan.FromMilliseconds(500);
        Assert.True(_cache.Accept("k", _cache.Now(), Lease(1) with { ServeUntil = renewalDue }, Snapshot(1)));

        Advance(TimeSpan.FromMilliseconds(400));
        Assert.True(_cache.TryRead("k", out var read));
        Assert.Equal(_wallClock.GetUtcNow(), read.Info().LastAccessedAt);
        Assert.Equal(_wallClock.GetUtcNow() + TimeSpan.FromMinutes(20), read.Info().ExpiresAt);
        Advance(TimeSpan.FromMilliseconds(100));
        Assert.False(_cache.TryRead("k", out _)); // the ID renewal is due: the grain answers the next read
    }

    [Fact]
    public void ARevocation_AnswersHowLongAgoTheLeaseLastServedARead()
    {
        Assert.True(Accept("k", 1));
        Assert.Null(_cache.Revoke(new SessionLeaseRevocation("other", 1, Ended: false)));
        Assert.True(_cache.TryRead("k", out _));
        Advance(TimeSpan.FromMilliseconds(300));

        Assert.Equal(TimeSpan.FromMilliseconds(300), _cache.Revoke(new SessionLeaseRevocation("k", 1, Ended: false)));
        Assert.False(_cache.TryRead("k", out _));
    }

    [Fact]
    public void TheCache_StaysWithinItsBound_DroppingTheSessionsReadLeastRecently()
    {
        using var cache = NewCache(new ReadLeaseOptions { CacheSizeBytes = 1024 * 1024 });
        var itemBytes = 100_000; // about ten sessions fit
        for (var i = 0; i < 30; i++)
        {
            Assert.True(cache.Accept($"k{i}", cache.Now(), Lease(1), Snapshot(1, itemBytes)));
            Assert.True(cache.TryRead("k0", out _)); // read often: it stays
            Advance(TimeSpan.FromMilliseconds(10));
        }

        Assert.InRange(cache.Count, 5, 10);
        Assert.True(cache.TryRead("k0", out _));
        Assert.True(cache.TryRead("k29", out _));
        Assert.False(cache.TryRead("k1", out _));
    }

    private SessionLeaseCache NewCache(ReadLeaseOptions options) =>
        new(Options.Create(options), _leaseClock, _wallClock, _services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());

    private bool Accept(string key, long version) => _cache.Accept(key, _cache.Now(), Lease(version), Snapshot(version));

    /// <summary>Both clocks, in steps the watchdog takes for a running process.</summary>
    private void Advance(TimeSpan by)
    {
        var step = TimeSpan.FromMilliseconds(50);
        for (var done = TimeSpan.Zero; done < by; done += step)
        {
            var next = by - done < step ? by - done : step;
            _leaseClock.Advance(next);
            _wallClock.Advance(next);
        }
    }

    private SessionLease Lease(long version) =>
        new(version, Duration, TimeSpan.FromMinutes(20), _wallClock.GetUtcNow() + TimeSpan.FromHours(8), Silo, DateTimeOffset.MaxValue);

    private SessionSnapshot Snapshot(long version, int itemBytes = 10) => new(
        new SessionInfo(_wallClock.GetUtcNow(), _wallClock.GetUtcNow(), _wallClock.GetUtcNow(), null, 1, itemBytes, version),
        ImmutableDictionary<string, byte[]>.Empty.Add("cart", new byte[itemBytes]));
}
