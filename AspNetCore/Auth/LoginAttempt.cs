namespace Sessions.AspNetCore;

/// <summary>
/// One password check reserved by <see cref="LoginAttemptThrottle.ReserveAsync(HttpContext, string, CancellationToken)"/>.
/// Check the password after reserving; when it is right, call <see cref="SucceededAsync"/> (a wrong one needs no report:
/// the reservation already counted it).
/// </summary>
public sealed class LoginAttempt
{
    private readonly ILoginThrottleGrain _account;
    private readonly string _addressPrefix;
    private int _reported;

    internal LoginAttempt(ILoginThrottleGrain account, string addressPrefix) => (_account, _addressPrefix) = (account, addressPrefix);

    /// <summary>The password was right: clears the failures of the client's address prefix on this account and trusts the prefix. Reported once; later calls do nothing.</summary>
    public async Task SucceededAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _reported, 1) == 0)
        {
            await _account.SucceededAsync(_addressPrefix, cancellationToken);
        }
    }
}
