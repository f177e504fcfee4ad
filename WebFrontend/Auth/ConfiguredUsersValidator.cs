using Microsoft.Extensions.Options;

namespace Sessions.WebFrontend.Auth;

/// <summary>
/// Refuses to start with the demo users outside Development (their password is published) and with a configured
/// password hash that <see cref="ConfiguredUserValidator"/> could not verify or that is weaker than ASP.NET Core's
/// hasher writes today: a bad hash fails the start, not the user's login.
/// </summary>
public sealed class ConfiguredUsersValidator(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        if (options.DemoUsers == true && !environment.IsDevelopment())
        {
            errors.Add($"Auth:DemoUsers is on in the {environment.EnvironmentName} environment, but the demo users' password is "
                + "published: they are for Development only. Configure Auth:Users with password hashes instead.");
        }

        foreach (var (userName, user) in options.Users)
        {
            var key = $"Auth:Users:{userName}:PasswordHash";
            if (string.IsNullOrWhiteSpace(user.PasswordHash))
            {
                errors.Add($"{key} is required.");
            }
            else if (!PasswordHashFormat.TryRead(user.PasswordHash, out var format))
            {
                errors.Add($"{key} is not an ASP.NET Core PasswordHasher hash of format version 3 (base64).");
            }
            else if (format.Weakness is { } weakness)
            {
                errors.Add($"{key} is too weak ({weakness}): it needs PBKDF2 with HMAC-SHA256 or HMAC-SHA512, at least "
                    + $"{PasswordHashFormat.MinIterations:N0} iterations, a 128-bit salt and a 256-bit key.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
