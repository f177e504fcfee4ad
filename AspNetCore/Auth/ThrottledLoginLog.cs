using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>
/// Logs a throttled login at most once per <c>LoginThrottle:LogInterval</c> per address prefix, in fixed memory: the
/// prefixes hash into <see cref="Slots"/> slots that each remember the last prefix logged and when. Two prefixes that
/// share a slot may each be logged more often than the interval, never more than once per throttled attempt.
/// </summary>
internal sealed class ThrottledLoginLog(IOptions<LoginThrottleOptions> options, TimeProvider time, ILogger<LoginAttemptThrottle> logger)
{
    public const int Slots = 1024;

    private readonly (string? Prefix, DateTimeOffset At)[] _slots = new (string?, DateTimeOffset)[Slots];
    private readonly Lock _lock = new();

    /// <summary>Logs that a login from <paramref name="addressPrefix"/> was throttled, unless that prefix was logged within the interval.</summary>
    public void Throttled(string addressPrefix, LoginReservation reservation)
    {
        var now = time.GetUtcNow();
        var slot = (int)((uint)StringComparer.Ordinal.GetHashCode(addressPrefix) % Slots);
        lock (_lock)
        {
            var (last, at) = _slots[slot];
            if (last == addressPrefix && now - at < options.Value.LogInterval)
            {
                return;
            }

            _slots[slot] = (addressPrefix, now);
        }

        logger.LoginThrottled(addressPrefix, Name(reservation.Exhausted), reservation.RetryAfter, options.Value.LogInterval);
    }

    public static string Name(LoginBudget budget) => budget == LoginBudget.Account ? "account" : "address";
}
