namespace Sessions.Grains;

/// <summary>
/// The login budgets of one account: a small one per address prefix, and one for the account as a whole that the
/// prefixes which have not signed in recently share. A prefix that signs in becomes trusted (the newest
/// <see cref="LoginThrottleOptions.MaxTrustedPrefixes"/> of them): it keeps its own budget but no longer draws on the
/// account's, so an attacker who spends the account-wide budget from elsewhere does not lock the owner out there.
/// Memory is bounded by <see cref="LoginThrottleOptions.MaxTrackedPrefixes"/> plus the trusted prefixes.
/// </summary>
/// <remarks>
/// In any hour the checks of the account number at most <c>AccountBurst + AccountAttemptsPerHour</c> from untrusted
/// prefixes (whatever their number: forgetting a prefix gives it a fresh budget of its own, never of the account) plus
/// <c>AddressBurst + AddressAttemptsPerHour</c> from each trusted prefix.
/// </remarks>
internal sealed class LoginBudgets(LoginThrottleOptions options, DateTimeOffset now)
{
    private readonly TokenBucket _account = new(options.AccountBurst, options.AccountAttemptsPerHour, now);
    private readonly PrefixBuckets _tracked = new(options.MaxTrackedPrefixes);
    private readonly PrefixBuckets _trusted = new(options.MaxTrustedPrefixes);

    /// <summary>Untrusted address prefixes tracked now.</summary>
    public int TrackedPrefixes => _tracked.Count;

    /// <summary>Trusted address prefixes remembered now.</summary>
    public int TrustedPrefixes => _trusted.Count;

    /// <summary>Takes one password check for <paramref name="prefix"/>, or says which budget is out and for how long.</summary>
    public LoginReservation Reserve(string prefix, DateTimeOffset now)
    {
        if (_trusted.Find(prefix) is { } own)
        {
            return own.TryTake(now) ? LoginReservation.Granted : new LoginReservation(false, own.WaitForOne(now), LoginBudget.Address);
        }

        var bucket = _tracked.GetOrAdd(prefix, () => NewAddressBucket(now));
        var addressWait = bucket.WaitForOne(now);
        var accountWait = _account.WaitForOne(now);
        if (addressWait > TimeSpan.Zero || accountWait > TimeSpan.Zero)
        {
            return new LoginReservation(
                false, addressWait > accountWait ? addressWait : accountWait, addressWait > TimeSpan.Zero ? LoginBudget.Address : LoginBudget.Account);
        }

        bucket.TryTake(now);
        _account.TryTake(now);
        return LoginReservation.Granted;
    }

    /// <summary>
    /// A check reserved for <paramref name="prefix"/> found the right password: the prefix's budget is full again, the
    /// account-wide check it took (if any) is given back, and the prefix is trusted.
    /// </summary>
    public void Succeeded(string prefix, DateTimeOffset now)
    {
        if (_trusted.Find(prefix) is { } own)
        {
            own.Fill(now);
            return;
        }

        _account.GiveBack(now);
        var bucket = _tracked.Remove(prefix) ?? NewAddressBucket(now);
        bucket.Fill(now);
        (options.MaxTrustedPrefixes == 0 ? _tracked : _trusted).Add(prefix, bucket);
    }

    private TokenBucket NewAddressBucket(DateTimeOffset now) => new(options.AddressBurst, options.AddressAttemptsPerHour, now);
}
