using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>
/// The cluster-shared login throttle, for any sign-in code: reserve a password check before checking the password, then
/// report a success. The budgets live in one <see cref="ILoginThrottleGrain"/> per account, so every frontend draws on
/// the same counts, and a reservation is atomic: concurrent attempts cannot all pass a check that one at a time would not.
/// A refused attempt throws <see cref="RateLimitedException"/> (429 problem+json with <c>Retry-After</c>), is counted
/// (<c>sessions.frontend.logins_throttled</c>, tagged with the budget that ran out) and logged at most once per
/// <c>LoginThrottle:LogInterval</c> per address prefix.
/// </summary>
/// <remarks>
/// The account's grain key is the session-key HMAC of the account name upper-cased (the configured user store compares
/// names ignoring case), under its own purpose prefix: the grain id that Orleans logs and dashboards show does not give
/// the name away, and a name in any case counts against one budget. A rollover of the session-key secret starts the
/// counts afresh once. Unknown names are throttled alike, so the answer does not tell which accounts exist.
/// </remarks>
public sealed class LoginAttemptThrottle
{
    /// <summary>The longest account name accepted (the key is computed on the stack).</summary>
    public const int MaxUserNameLength = 1024;

    private const string KeyPurpose = "login-throttle:";

    private readonly IGrainFactory _grains;
    private readonly SessionSecrets _secrets;
    private readonly LoginThrottleOptions _options;
    private readonly ThrottledLoginLog _log;
    private readonly Counter<long> _throttled;

    internal LoginAttemptThrottle(
        IGrainFactory grains, SessionSecrets secrets, IOptions<LoginThrottleOptions> options, ThrottledLoginLog log, IMeterFactory meters)
    {
        (_grains, _secrets, _options, _log) = (grains, secrets, options.Value, log);
        _throttled = meters.Create(SessionsMeter.Name).CreateCounter<long>(
            "sessions.frontend.logins_throttled", "{attempt}", "Login attempts refused by the login throttle before their password was checked, by budget (address, account).");
    }

    /// <summary>Reserves a password check of <paramref name="userName"/> for the request's client address (<see cref="ClientAddress"/>).</summary>
    /// <exception cref="RateLimitedException">The client's address prefix, or the account as a whole, has no check left.</exception>
    public Task<LoginAttempt> ReserveAsync(HttpContext http, string userName, CancellationToken cancellationToken) =>
        ReserveAsync(userName, ClientAddress.IpOf(http), cancellationToken);

    /// <summary>Reserves a password check of <paramref name="userName"/> for a client at <paramref name="clientAddress"/> (null: unknown).</summary>
    /// <exception cref="RateLimitedException">The client's address prefix, or the account as a whole, has no check left.</exception>
    public async Task<LoginAttempt> ReserveAsync(string userName, IPAddress? clientAddress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(userName.Length, MaxUserNameLength, nameof(userName));
        var account = _grains.GetGrain<ILoginThrottleGrain>(_secrets.Current.GrainKeyOf(KeyPurpose + userName.ToUpperInvariant()));
        var prefix = AddressPrefix.Of(clientAddress, _options.IPv4PrefixLength, _options.IPv6PrefixLength);
        var reservation = await account.ReserveAsync(prefix, cancellationToken);
        if (!reservation.Allowed)
        {
            _throttled.Add(1, new KeyValuePair<string, object?>("budget", ThrottledLoginLog.Name(reservation.Exhausted)));
            _log.Throttled(prefix, reservation);
            throw new RateLimitedException(reservation.Exhausted == LoginBudget.Account
                ? "Too many failed logins for this account; wait before trying again, or sign in from an address that signed in to it before."
                : "Too many failed logins for this account from your network; wait before trying again.", reservation.RetryAfter);
        }

        return new LoginAttempt(account, prefix);
    }
}
