using Microsoft.Extensions.Options;

namespace Sessions.WebFrontend.Session;

/// <summary>Validates <see cref="OrleansSessionOptions"/>; every message names its key.</summary>
public sealed class OrleansSessionOptionsValidator : IValidateOptions<OrleansSessionOptions>
{
    public ValidateOptionsResult Validate(string? name, OrleansSessionOptions options) =>
        options.IOTimeout > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail("Session:IOTimeout must be positive.");
}
