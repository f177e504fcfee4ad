using Microsoft.Extensions.Options;

namespace Sessions.AspNetCore;

/// <summary>Validates <see cref="SessionIdSignalsOptions"/>; every message names its key.</summary>
public sealed class SessionIdSignalsOptionsValidator : IValidateOptions<SessionIdSignalsOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionIdSignalsOptions options)
    {
        var errors = new List<string>();
        if (options.RememberDeadIdsFor < TimeSpan.Zero || options.RememberDeadIdsFor > TimeSpan.FromHours(1))
        {
            errors.Add("SessionIdSignals:RememberDeadIdsFor must be between 00:00:00 (off) and 01:00:00.");
        }

        if (options.MaxRememberedDeadIds is < 1 or > 1_000_000)
        {
            errors.Add("SessionIdSignals:MaxRememberedDeadIds must be between 1 and 1000000.");
        }

        if (options.DeadIdsPerMinutePerAddress < 0)
        {
            errors.Add("SessionIdSignals:DeadIdsPerMinutePerAddress must be 0 (no limit) or more.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
