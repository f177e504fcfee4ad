using Microsoft.Extensions.Options;
using Npgsql;

namespace Sessions.Storage;

/// <summary>Checks that each connection string given is Npgsql syntax; messages name the key, never the text (it may hold a password).</summary>
public sealed class SessionsConnectionStringsValidator : IValidateOptions<SessionsConnectionStrings>
{
    public ValidateOptionsResult Validate(string? name, SessionsConnectionStrings options)
    {
        var errors = new List<string>();
        Check(nameof(options.Sessions), options.Sessions, errors);
        Check(nameof(options.SessionsKeyRing), options.SessionsKeyRing, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(string key, string? value, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException)
        {
            errors.Add($"ConnectionStrings:{key} is not a valid Npgsql connection string: {exception.Message}");
        }
    }
}
