using Microsoft.Extensions.Time.Testing;

namespace Sessions.Tests.Security;

/// <summary>
/// The budgets an account's login throttle grain keeps (<see cref="LoginBudgets"/>), on a fake clock: they decay, stay
/// bounded whatever the number of prefixes, keep the guesses per account and hour under the documented number, and
/// leave the owner's prefix usable when an attacker spends the account-wide budget.
/// </summary>
public sealed class LoginBudgetsTests
{
    private const string Owner = "198.51.100.7/32";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly LoginThrottleOptions _options = new();

    [Fact]
    public void FailedChecks_ComeBackWithTime_OneEverySixMinutes_UpToTheBurst()
    {
        var budgets = new LoginBudgets(_options, _time.GetUtcNow());
        for (var i = 0; i < _options.AddressBurst; i++)
        {
            Assert.True(Reserve(budgets, "203.0.113.9/32").Allowed);
        }

        var refused = Reserve(budgets, "203.0.113.9/32");
        Assert.Equal(new LoginReservation(false, TimeSpan.FromMinutes(6), LoginBudget.Address), refused);

        _time.Advance(TimeSpan.FromMinutes(6));
        Assert.True(Reserve(budgets, "203.0.113.9/32").Allowed);
        Assert.False(Reserve(budgets, "203.0.113.9/32").Allowed);

        _time.Advance(TimeSpan.FromHours(5)); // 50 would have come back: the burst caps them
        Assert.Equal(_options.AddressBurst, Enumerable.Range(0, 20).Count(_ => Reserve(budgets, "203.0.113.9/32").Allowed));
    }

    [Fact]
    public void ManyAddressPrefixes_KeepMemoryBounded()
    {
        var budgets = new LoginBudgets(_options, _time.GetUtcNow());
        for (var i = 0; i < 10_000; i++)
        {
            var prefix = $"2001:db8:{i / 65536:x}:{i % 65536:x}::/64";
            Reserve(budgets, prefix);
            budgets.Succeeded(prefix, _time.GetUtcNow());
            Reserve(budgets, "203.0.113." + (i % 250) + "/32");
        }

        Assert.Equal(_options.MaxTrackedPrefixes, budgets.TrackedPrefixes);
        Assert.Equal(_options.MaxTrustedPrefixes, budgets.TrustedPrefixes);
    }

    [Fact]
    public void GuessesPerAccountPerHour_StayWithinTheDocumentedBound()
    {
        // An attacker with a new /64 for every guess, trying every second for six hours, against the defaults.
        var budgets = new LoginBudgets(_options, _time.GetUtcNow());
        var perHour = new int[6];
        for (var second = 0; second < 6 * 3600; second++)
        {
            if (Reserve(budgets, $"2001:db8:{second / 65536:x}:{second % 65536:x}::/64").Allowed)
            {
                perHour[second / 3600]++;
            }

            _time.Advance(TimeSpan.FromSeconds(1));
        }

        // The first hour: the burst and what came back within the hour; then what comes back.
        Assert.InRange(perHour[0], _options.AccountBurst + _options.AccountAttemptsPerHour - 1, _options.AccountBurst + _options.AccountAttemptsPerHour);
        Assert.All(perHour[1..], n => Assert.InRange(n, _options.AccountAttemptsPerHour - 1, _options.AccountAttemptsPerHour + 1));
        Assert.Equal(120, _options.AccountBurst + _options.AccountAttemptsPerHour); // the number docs/login-and-users.md states
    }

    [Fact]
    public void AttackerFromManyPrefixes_SpendsTheAccountBudget_ButNotTheOwnersPrefix()
    {
        var budgets = new LoginBudgets(_options, _time.GetUtcNow());
        Assert.True(Reserve(budgets, Owner).Allowed);
        budgets.Succeeded(Owner, _time.GetUtcNow());

        var attacker = Enumerable.Range(0, 100).Count(i => Reserve(budgets, $"2001:db8:0:{i:x}::/64").Allowed);

        Assert.Equal(_options.AccountBurst, attacker);
        Assert.Equal(LoginBudget.Account, Reserve(budgets, "192.0.2.1/32").Exhausted);
        Assert.True(Reserve(budgets, Owner).Allowed);
    }

    [Fact]
    public void Success_ClearsThePrefixFailures_AndGivesTheAccountCheckBack()
    {
        var budgets = new LoginBudgets(_options, _time.GetUtcNow());
        for (var i = 0; i < _options.AddressBurst; i++)
        {
            Reserve(budgets, Owner);
        }

        budgets.Succeeded(Owner, _time.GetUtcNow());

        Assert.Equal(_options.AddressBurst, Enumerable.Range(0, 20).Count(_ => Reserve(budgets, Owner).Allowed));
        // The owner's checks were its own: the account-wide budget lost only the four wrong ones before the success.
        var others = Enumerable.Range(0, 100).Count(i => Reserve(budgets, $"2001:db8:0:{i:x}::/64").Allowed);
        Assert.Equal(_options.AccountBurst - (_options.AddressBurst - 1), others);
    }

    [Fact]
    public void OneFailureEveryFifteenMinutes_DoesNotLockTheAccount()
    {
        var budgets = new LoginBudgets(_options, _time.GetUtcNow());
        for (var i = 0; i < 4 * 24; i++)
        {
            Assert.Equal(LoginBudget.None, Reserve(budgets, "203.0.113.66/32").Exhausted);
            _time.Advance(TimeSpan.FromMinutes(15));
        }

        Assert.True(Reserve(budgets, "192.0.2.1/32").Allowed);
    }

    private LoginReservation Reserve(LoginBudgets budgets, string prefix) => budgets.Reserve(prefix, _time.GetUtcNow());
}
