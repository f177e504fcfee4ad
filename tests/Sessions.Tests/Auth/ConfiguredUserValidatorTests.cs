using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sessions.WebFrontend.Auth;

namespace Sessions.Tests.Auth;

/// <summary>
/// The configured user store: demo users in Development only (unless told), configured users with their roles, hashes
/// checked at start, and an unknown user costing a wrong password's work.
/// </summary>
public sealed class ConfiguredUserValidatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Production", null, false)]
    [InlineData("Staging", null, false)]
    [InlineData("Development", false, false)]
    public async Task DemoUsers_AreOnInDevelopmentOnly_UnlessConfigured(string environment, bool? demoUsers, bool expected)
    {
        var validator = Create(new AuthOptions { DemoUsers = demoUsers }, environment);

        var admin = await validator.ValidateAsync("admin", ConfiguredUserValidator.DemoPassword, Ct);

        Assert.Equal(expected, admin is not null);
        if (expected)
        {
            Assert.Equal(["admin"], admin!.Roles);
            Assert.Equal(["user"], (await validator.ValidateAsync("alice", ConfiguredUserValidator.DemoPassword, Ct))!.Roles);
        }
    }

    [Fact]
    public async Task ConfiguredUsers_SignInWithTheirHashedPassword_UnderTheirUserId_WithTheirRoles()
    {
        var hash = new PasswordHasher<string>().HashPassword("frank", "correct horse");
        var options = new AuthOptions();
        options.Users["frank"] = new ConfiguredUser { UserId = "u-17", PasswordHash = hash, Roles = ["user", "editor"] };
        var validator = Create(options, Environments.Production);

        Assert.Equal("u-17", (await validator.ValidateAsync("Frank", "correct horse", Ct))?.UserId);
        Assert.Equal(["user", "editor"], (await validator.ValidateAsync("frank", "correct horse", Ct))!.Roles);
        Assert.Null(await validator.ValidateAsync("frank", "Correct horse", Ct));
        Assert.Null(await validator.ValidateAsync("alice", ConfiguredUserValidator.DemoPassword, Ct));
    }

    [Fact]
    public void ConfiguredHashes_WeakerThanTodaysHasher_OrMalformed_AreRefused_TodaysAreAccepted()
    {
        var options = new AuthOptions();
        options.Users["today"] = new ConfiguredUser { PasswordHash = new PasswordHasher<string>().HashPassword("today", "pw") };
        options.Users["v2"] = new ConfiguredUser { PasswordHash = HashWith(new PasswordHasherOptions { CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2 }) };
        options.Users["cheap"] = new ConfiguredUser { PasswordHash = HashWith(new PasswordHasherOptions { IterationCount = 10_000 }) };
        options.Users["cut"] = new ConfiguredUser { PasswordHash = options.Users["today"].PasswordHash[..40] };

        var result = new ConfiguredUsersValidator(new HostingEnvironment { EnvironmentName = Environments.Production }).Validate(null, options);

        Assert.Equal(
            [
                "Auth:Users:v2:PasswordHash is not an ASP.NET Core PasswordHasher hash of format version 3 (base64).",
                "Auth:Users:cheap:PasswordHash is too weak (10,000 iterations): it needs PBKDF2 with HMAC-SHA256 or HMAC-SHA512, at least 100,000 iterations, a 128-bit salt and a 256-bit key.",
                "Auth:Users:cut:PasswordHash is too weak (a 8-bit key): it needs PBKDF2 with HMAC-SHA256 or HMAC-SHA512, at least 100,000 iterations, a 128-bit salt and a 256-bit key.",
            ],
            result.Failures);
    }

    [Theory]
    [InlineData("Production", false)]
    [InlineData("Staging", false)]
    [InlineData("Development", true)]
    public void DemoUsers_TurnedOnOutsideDevelopment_AreRefused(string environment, bool accepted)
    {
        var result = new ConfiguredUsersValidator(new HostingEnvironment { EnvironmentName = environment })
            .Validate(null, new AuthOptions { DemoUsers = true });

        Assert.Equal(accepted, result.Succeeded);
    }

    [Fact]
    public async Task AnUnknownUser_CostsNoLessWorkThanAWrongPassword_OfTheCostliestConfiguredHash()
    {
        var options = new AuthOptions();
        options.Users["slow"] = new ConfiguredUser { PasswordHash = HashWith(new PasswordHasherOptions { IterationCount = 600_000 }) };
        var validator = Create(options, Environments.Production);
        await validator.ValidateAsync("slow", "warm-up", Ct);

        var wrongPassword = await TimeAsync(() => validator.ValidateAsync("slow", "wrong", Ct));
        var unknownUser = await TimeAsync(() => validator.ValidateAsync("nobody", "wrong", Ct));

        // Same iteration count: about equal. Before, the unknown user's hash had today's 100,000 (a sixth).
        Assert.True(unknownUser > wrongPassword * 0.5, $"unknown user {unknownUser.TotalMilliseconds} ms, wrong password {wrongPassword.TotalMilliseconds} ms");
    }

    private static string HashWith(PasswordHasherOptions hasherOptions) =>
        new PasswordHasher<string>(Options.Create(hasherOptions)).HashPassword("user", "pw");

    private static async Task<TimeSpan> TimeAsync(Func<ValueTask<UserAccount?>> validate)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Assert.Null(await validate());
        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    private static ConfiguredUserValidator Create(AuthOptions options, string environment) =>
        new(Options.Create(options), new HostingEnvironment { EnvironmentName = environment }, NullLogger<ConfiguredUserValidator>.Instance);
}
