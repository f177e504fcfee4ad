using System.Security.Cryptography;
using Sessions.AspNetCore;

namespace Sessions.Tests.Configuration;

/// <summary><c>SessionGrainKey:PreviousSecrets</c>: each one a valid secret, at most a few, none repeated; messages name keys, never secrets.</summary>
public sealed class SessionGrainKeyOptionsValidatorTests
{
    private static readonly string Current = NewSecret();

    [Fact]
    public void PreviousSecretsBesideTheCurrentOne_AreValid()
    {
        var result = Validate(Current, NewSecret(), NewSecret());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void MoreThanThreePreviousSecrets_AreRefused()
    {
        var result = Validate(Current, NewSecret(), NewSecret(), NewSecret(), NewSecret());

        Assert.Contains("SessionGrainKey:PreviousSecrets holds at most 3 secrets", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void APreviousSecretEqualToTheCurrentOne_IsRefused_WithoutNamingIt()
    {
        var result = Validate(Current, NewSecret(), Current);

        Assert.Contains("SessionGrainKey:PreviousSecrets:1 repeats SessionGrainKey:Secret", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(Current, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void PreviousSecretsWithoutAConfiguredCurrentOne_AreValid_TheStoredSecretStaysCurrent()
    {
        var result = Validate(null, NewSecret());

        Assert.True(result.Succeeded);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? secret, params string[] previous) =>
        new SessionGrainKeyOptionsValidator().Validate(null, new SessionGrainKeyOptions { Secret = secret, PreviousSecrets = [.. previous] });

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(SessionKeySecret.Bytes));
}
