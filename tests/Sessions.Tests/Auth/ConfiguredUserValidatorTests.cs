using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sessions.WebFrontend.Auth;

namespace Sessions.Tests.Auth;

/// <summary>The configured user store: demo users in Development only (unless told), configured users with their roles.</summary>
public sealed class ConfiguredUserValidatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Development", null, true)]
    [InlineData("Production", null, false)]
    [InlineData("Staging", null, false)]
    [InlineData("Production", true, true)]
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

    private static ConfiguredUserValidator Create(AuthOptions options, string environment) =>
        new(Options.Create(options), new HostingEnvironment { EnvironmentName = environment }, NullLogger<ConfiguredUserValidator>.Instance);
}
