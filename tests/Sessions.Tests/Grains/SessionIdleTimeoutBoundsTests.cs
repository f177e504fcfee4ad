namespace Sessions.Tests.Grains;

/// <summary>The idle timeout a new session gets: what its app asked for, within <c>SessionExpiry:MinIdleTimeout</c>..<c>MaxIdleTimeout</c>.</summary>
public sealed class SessionIdleTimeoutBoundsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly SessionExpiryOptions Expiry = new()
    {
        IdleTimeout = TimeSpan.FromMinutes(20),
        MinIdleTimeout = TimeSpan.FromSeconds(10),
        MaxIdleTimeout = TimeSpan.FromHours(1),
    };

    [Theory]
    [InlineData(null, 1200)]    // nothing asked: SessionExpiry:IdleTimeout
    [InlineData(300, 300)]      // within the bounds: as asked
    [InlineData(10, 10)]        // at a bound: as asked
    [InlineData(1, 10)]         // below MinIdleTimeout: the minimum
    [InlineData(86400, 3600)]   // above MaxIdleTimeout: the maximum
    public void Create_IdleTimeoutAsked_IsKeptWithinTheSilosBounds(int? askedSeconds, int expectedSeconds)
    {
        var asked = askedSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;

        var state = SessionState.Create(Now, Expiry, generation: 0, asked);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), state.IdleTimeout);
        Assert.Equal(Now + TimeSpan.FromSeconds(expectedSeconds), state.ExpiresAt(Now));
    }
}
