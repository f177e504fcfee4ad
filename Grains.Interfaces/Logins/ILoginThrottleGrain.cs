namespace Sessions.Grains.Interfaces;

/// <summary>
/// The login throttle of one account, shared by every frontend: the key is a keyed hash of the normalized account name
/// (never the name itself), and the account need not exist. Budgets of password checks per address prefix and for the
/// account as a whole (<c>LoginThrottle</c> options) refill with time; the state lives in memory only and goes when the
/// grain has been idle for <c>LoginThrottle:IdleDeactivation</c>.
/// </summary>
/// <remarks>
/// Not reentrant: reservations of one account are taken one after another, so concurrent attempts cannot pass together
/// what one at a time would not. Reserve before checking the password, report a success after.
/// </remarks>
[Alias("sessions.ILoginThrottleGrain")]
public interface ILoginThrottleGrain : IGrainWithStringKey
{
    /// <summary>
    /// Takes one password check for <paramref name="addressPrefix"/> (the client's address prefix, e.g. <c>192.0.2.7/32</c>
    /// or <c>2001:db8:1:2::/64</c>), or says how long to wait when its budget, or the account's, is used up.
    /// </summary>
    [Alias("Reserve")]
    ValueTask<LoginReservation> ReserveAsync(string addressPrefix, CancellationToken cancellationToken = default);

    /// <summary>
    /// The password checked after a reservation of <paramref name="addressPrefix"/> was right: its failures are cleared,
    /// the account-wide check is given back, and the prefix is remembered as the owner's (it bypasses the account-wide budget).
    /// </summary>
    [Alias("Succeeded")]
    ValueTask SucceededAsync(string addressPrefix, CancellationToken cancellationToken = default);
}
