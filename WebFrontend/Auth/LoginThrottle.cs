using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Sessions.WebFrontend.Auth;

/// <summary>
/// Backoff per account after failed logins: after <c>RateLimits:FailedLoginsBeforeBackoff</c> failures each attempt
/// must wait <c>FailedLoginBackoff</c>, doubling up to <c>FailedLoginMaxBackoff</c>; a success clears it. Unknown user
/// names are throttled alike, so the answer does not tell which accounts exist. Bounded: beyond
/// <see cref="MaxTrackedAccounts"/> accounts, those whose wait is over are forgotten first.
/// </summary>
public sealed class LoginThrottle(IOptions<RateLimitOptions> options, TimeProvider time)
{
    public const int MaxTrackedAccounts = 100_000;

    private readonly RateLimitOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long <paramref name="userName"/> must wait before the next attempt; zero when it may try now.</summary>
    public TimeSpan WaitFor(string userName)
    {
        if (!_failures.TryGetValue(userName, out var failures) || failures.Count < _options.FailedLoginsBeforeBackoff || _options.FailedLoginsBeforeBackoff == 0)
        {
            return TimeSpan.Zero;
        }

        var wait = failures.LastAt + Backoff(failures.Count) - time.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    /// <summary>Counts a failure; returns the failures of <paramref name="userName"/> in a row.</summary>
    public int Failed(string userName)
    {
        if (_failures.Count >= MaxTrackedAccounts && !_failures.ContainsKey(userName))
        {
            Forget();
            if (_failures.Count >= MaxTrackedAccounts)
            {
                return 0; // the per-address login limit still holds
            }
        }

        var now = time.GetUtcNow();
        return _failures.AddOrUpdate(userName, static (_, now) => new Failures(1, now), static (_, seen, now) => new Failures(seen.Count + 1, now), now).Count;
    }

    public void Succeeded(string userName) => _failures.TryRemove(userName, out _);

    private TimeSpan Backoff(int failures)
    {
        var doublings = Math.Min(failures - _options.FailedLoginsBeforeBackoff, 30);
        var wait = _options.FailedLoginBackoff * Math.Pow(2, doublings);
        return wait < _options.FailedLoginMaxBackoff ? wait : _options.FailedLoginMaxBackoff;
    }

    private void Forget()
    {
        var now = time.GetUtcNow();
        foreach (var (userName, failures) in _failures)
        {
            if (now - failures.LastAt >= _options.FailedLoginMaxBackoff)
            {
                _failures.TryRemove(userName, out _);
            }
        }
    }

    private readonly record struct Failures(int Count, DateTimeOffset LastAt);
}
