using Microsoft.Extensions.Options;

namespace Sessions.Grains;

/// <summary>Validates <see cref="SessionActivationOptions"/>; every message names its key.</summary>
public sealed class SessionActivationOptionsValidator : IValidateOptions<SessionActivationOptions>
{
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(2);

    public ValidateOptionsResult Validate(string? name, SessionActivationOptions options)
    {
        var errors = new List<string>();
        if (options.IdleDeactivation < Minimum)
        {
            errors.Add($"SessionActivation:IdleDeactivation must be at least {Minimum:c}.");
        }

        if (options.MaxActiveSessions < 1)
        {
            errors.Add("SessionActivation:MaxActiveSessions must be at least 1.");
        }

        if (options.MaxActiveSessionBytes < 1)
        {
            errors.Add("SessionActivation:MaxActiveSessionBytes must be at least 1.");
        }

        if (options.ShutdownMigrationTimeout < TimeSpan.Zero)
        {
            errors.Add("SessionActivation:ShutdownMigrationTimeout must not be negative.");
        }

        if (options.RebalancingDueTime <= TimeSpan.Zero || options.RebalancingCyclePeriod <= TimeSpan.Zero)
        {
            errors.Add("SessionActivation:RebalancingDueTime and SessionActivation:RebalancingCyclePeriod must be positive.");
        }

        if (!(options.RebalancingCycleWeight > 0 && options.RebalancingCycleWeight <= 1))
        {
            errors.Add($"SessionActivation:RebalancingCycleWeight must be in (0, 1]; it is {options.RebalancingCycleWeight}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
