using Microsoft.Extensions.Options;

namespace Sessions.Grains;

/// <summary>Validates <see cref="SessionActivationOptions"/>; every message names its key.</summary>
public sealed class SessionActivationOptionsValidator : IValidateOptions<SessionActivationOptions>
{
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(2);

    public ValidateOptionsResult Validate(string? name, SessionActivationOptions options) =>
        options.IdleDeactivation >= Minimum
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"SessionActivation:IdleDeactivation must be at least {Minimum:c}.");
}
