using Microsoft.Extensions.Options;

namespace Sessions.Grains;

/// <summary>Validates <see cref="SessionPersistenceOptions"/>; every message names its key.</summary>
public sealed class SessionPersistenceOptionsValidator : IValidateOptions<SessionPersistenceOptions>
{
    public ValidateOptionsResult Validate(string? name, SessionPersistenceOptions options)
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(options.WriteMode))
        {
            errors.Add($"SessionPersistence:WriteMode must be one of {string.Join(", ", Enum.GetNames<SessionWriteMode>())}.");
        }

        if (options.WriteBehindInterval <= TimeSpan.Zero)
        {
            errors.Add("SessionPersistence:WriteBehindInterval must be positive.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
