using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace Sessions.Tests.Security;

/// <summary>
/// The fixed tables behind the session-ID signals, without a cluster: bounded whatever the number of sources, keyed by
/// client network, and a dead ID remembered only once a session in creation would have been stored.
/// </summary>
public sealed class SessionIdSignalTablesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AttackLogLinesStayWithinTheTable_HoweverManySourcesAttack()
    {
        var throttle = new SourceLogThrottle(_time);
        var lines = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var source = $"10.{i >> 16 & 255}.{i >> 8 & 255}.{i & 255}";
            lines += throttle.ShouldLog(0, source, out _) ? 1 : 0;
            Assert.False(throttle.ShouldLog(0, source, out _)); // never twice in a minute for one source
        }

        Assert.InRange(lines, 1, SourceLogThrottle.Capacity);
    }

    [Fact]
    public void ADeadId_IsRememberedOnlyAfterASecondMissLaterThanACommitCanTake_ThenForgotten()
    {
        var settle = TimeSpan.FromSeconds(10);
        var dead = new DeadSessionIds(_time, TimeSpan.FromSeconds(60), capacity: 64, settle);

        dead.Missed("key-a");
        dead.Missed("key-a"); // a second request racing the write that creates the session: not yet dead
        Assert.False(dead.IsDead("key-a"));

        _time.Advance(settle);
        dead.Missed("key-a");
        Assert.True(dead.IsDead("key-a"));
        Assert.False(dead.IsDead("key-b"));

        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.False(dead.IsDead("key-a"));
    }

    [Fact]
    public void ADeadId_IsRemembered_EvenWhenTheSettleTimeIsLongerThanTheMemory()
    {
        var dead = new DeadSessionIds(_time, TimeSpan.FromSeconds(60), capacity: 64, settle: TimeSpan.FromSeconds(120));

        dead.Missed("key-a");
        _time.Advance(TimeSpan.FromSeconds(150));
        dead.Missed("key-a");

        Assert.True(dead.IsDead("key-a"));
    }

    [Fact]
    public void TheDeadIdReadLimit_CountsPerNetworkAndMinute()
    {
        var limiter = new DeadIdReadLimiter(_time, perMinute: 2);
        limiter.Count("203.0.113.1");
        Assert.Null(limiter.RetryAfter("203.0.113.1"));

        _time.Advance(TimeSpan.FromSeconds(20));
        limiter.Count("203.0.113.1");

        Assert.Equal(TimeSpan.FromSeconds(40), limiter.RetryAfter("203.0.113.1"));
        Assert.Null(limiter.RetryAfter("203.0.113.2"));
        _time.Advance(TimeSpan.FromSeconds(40));
        Assert.Null(limiter.RetryAfter("203.0.113.1"));
    }
}
