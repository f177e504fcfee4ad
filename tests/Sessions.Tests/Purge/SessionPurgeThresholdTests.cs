namespace Sessions.Tests.Purge;

public sealed class SessionPurgeThresholdTests
{
    [Fact]
    public void Compute_Defaults_IsLongestIdlePlusQuarterPlusOneMinuteGrace()
    {
        var age = SessionPurgeThreshold.Compute(new SessionExpiryOptions(), new SessionPersistenceOptions(), new SessionPurgeOptions());

        // 60 min (MaxIdleTimeout, the longest an app may ask for) + 25% of it (last access persisted lazily) + 1 min grace.
        Assert.Equal(TimeSpan.FromMinutes(76), age);
    }

    [Fact]
    public void Compute_DefaultLongerThanMaxIdleTimeout_UsesTheDefault()
    {
        var expiry = new SessionExpiryOptions { IdleTimeout = TimeSpan.FromHours(2), MaxIdleTimeout = TimeSpan.FromMinutes(30) };

        var age = SessionPurgeThreshold.Compute(expiry, new SessionPersistenceOptions(), new SessionPurgeOptions { Grace = TimeSpan.Zero });

        Assert.Equal(TimeSpan.FromMinutes(150), age);
    }

    [Fact]
    public void Compute_WriteBehind_AddsTheFlushInterval()
    {
        var expiry = new SessionExpiryOptions { IdleTimeout = TimeSpan.FromSeconds(40), MaxIdleTimeout = TimeSpan.FromSeconds(40), LastAccessPersistFraction = 0.5 };
        var persistence = new SessionPersistenceOptions
        {
            WriteMode = SessionWriteMode.WriteBehind,
            WriteBehindInterval = TimeSpan.FromSeconds(3),
        };
        var purge = new SessionPurgeOptions { Grace = TimeSpan.FromSeconds(7) };

        var age = SessionPurgeThreshold.Compute(expiry, persistence, purge);

        Assert.Equal(TimeSpan.FromSeconds(40 + 20 + 3 + 7), age);
    }

    [Fact]
    public void Compute_WriteThrough_IgnoresTheWriteBehindInterval()
    {
        var expiry = new SessionExpiryOptions { IdleTimeout = TimeSpan.FromSeconds(2), MaxIdleTimeout = TimeSpan.FromSeconds(2), LastAccessPersistFraction = 0.25 };
        var persistence = new SessionPersistenceOptions { WriteBehindInterval = TimeSpan.FromHours(1) };
        var purge = new SessionPurgeOptions { Grace = TimeSpan.Zero };

        var age = SessionPurgeThreshold.Compute(expiry, persistence, purge);

        Assert.Equal(TimeSpan.FromMilliseconds(2500), age);
    }

    [Fact]
    public void Compute_FullFraction_DoublesTheIdleTimeout()
    {
        var expiry = new SessionExpiryOptions { IdleTimeout = TimeSpan.FromMinutes(10), MaxIdleTimeout = TimeSpan.FromMinutes(10), LastAccessPersistFraction = 1 };

        var age = SessionPurgeThreshold.Compute(expiry, new SessionPersistenceOptions(), new SessionPurgeOptions { Grace = TimeSpan.Zero });

        Assert.Equal(TimeSpan.FromMinutes(20), age);
    }
}
