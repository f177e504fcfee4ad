using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Sessions.Tests.Configuration;

/// <summary>
/// An app using <c>AddOrleansSessions()</c> without <c>SessionGrainKey:Secret</c> or a key-ring store: a per-process secret
/// in Development only, a start that fails naming the key anywhere else.
/// </summary>
public sealed class SessionKeySecretStartupTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public async Task Start_OutsideDevelopmentWithoutSecret_FailsInOneLineNamingTheKey(string environment)
    {
        var failure = await Assert.ThrowsAsync<StartupException>(() => StartAsync(environment));

        Assert.Equal(
            "SessionGrainKey:Secret is not set and no session-key store is registered: outside Development set SessionGrainKey:Secret "
            + "(base64 of at least 32 bytes, the same on every frontend, e.g. from `openssl rand -base64 32`) or keep the secret with a "
            + "key ring (GrainSessions.Storage, e.g. ConnectionStrings:SessionsKeyRing).",
            StartupFailure.Describe(failure));
    }

    [Fact]
    public async Task Start_InDevelopmentWithoutSecret_Starts() => await StartAsync(Environments.Development);

    [Fact]
    public async Task Start_OutsideDevelopmentWithSecret_Starts() =>
        await StartAsync(Environments.Production, (TestSessionKeySecret.Key, TestSessionKeySecret.NewValue()));

    [Fact]
    public async Task Start_OutsideDevelopmentWithAKeyRingStore_Starts() =>
        await StartAsync(Environments.Production, store: new FixedSecretStore());

    private static async Task StartAsync(string environment, (string Key, string Value)? setting = null, ISessionKeySecretStore? store = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        if (setting is var (key, value))
        {
            builder.Configuration[key] = value;
        }

        if (store is not null)
        {
            builder.Services.AddSingleton(store);
        }

        builder.Services.AddOrleansSessions();
        builder.Services.AddSingleton<IGrainFactory>(_ => throw new InvalidOperationException("Starting needs no cluster.")); // Development validates the container
        await using var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    private sealed class FixedSecretStore : ISessionKeySecretStore
    {
        public Task<byte[]> GetOrCreateAsync(CancellationToken cancellationToken) => Task.FromResult(new byte[SessionKeySecret.Bytes]);
    }
}
