using Microsoft.Extensions.Options;

namespace Sessions.WebFrontend;

/// <summary>Validates <see cref="FrontendOptions"/>; every message names its key.</summary>
public sealed class FrontendOptionsValidator : IValidateOptions<FrontendOptions>
{
    public ValidateOptionsResult Validate(string? name, FrontendOptions options) =>
        Enum.IsDefined(options.Mode)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Frontend:Mode must be one of {string.Join(", ", Enum.GetNames<FrontendMode>())}.");
}
