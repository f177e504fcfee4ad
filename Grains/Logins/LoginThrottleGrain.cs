using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sessions.Grains;

/// <summary>
/// The login throttle of one account (<see cref="ILoginThrottleGrain"/>): routes calls to its <see cref="LoginBudgets"/>,
/// held in memory only. A silo that dies takes the budgets of its accounts along: they start full on another silo, which
/// gives an attacker at most one more account-wide burst per account per crash. Idle grains leave after
/// <see cref="LoginThrottleOptions.IdleDeactivation"/>, by when the account-wide budget would be full anyway.
/// </summary>
public sealed class LoginThrottleGrain(IOptions<LoginThrottleOptions> options, TimeProvider time, ILogger<LoginThrottleGrain> logger)
    : Grain, ILoginThrottleGrain
{
    private static readonly TimeSpan ExhaustedLogInterval = TimeSpan.FromHours(1);

    private readonly LoginBudgets _budgets = new(options.Value, time.GetUtcNow());
    private DateTimeOffset? _exhaustedLoggedAt;

    public ValueTask<LoginReservation> ReserveAsync(string addressPrefix, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var reservation = _budgets.Reserve(addressPrefix, now);
        if (reservation.Exhausted == LoginBudget.Account && (_exhaustedLoggedAt is not { } logged || now - logged >= ExhaustedLogInterval))
        {
            _exhaustedLoggedAt = now;
            logger.LoginAccountBudgetExhausted(this.GetPrimaryKeyString(), reservation.RetryAfter);
        }

        return ValueTask.FromResult(reservation);
    }

    public ValueTask SucceededAsync(string addressPrefix, CancellationToken cancellationToken = default)
    {
        _budgets.Succeeded(addressPrefix, time.GetUtcNow());
        return ValueTask.CompletedTask;
    }
}
