using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sessions.AspNetCore;

namespace Sessions.Tests.Configuration;

/// <summary>
/// A secret rollover away from a secret kept in the key-ring store (docs/operations.md, "Secret rollover"): first the
/// stored secret stays current and the new one is read; then the configured new secret is current and the stored one,
/// listed in <c>SessionGrainKey:PreviousSecrets</c>, is still read.
/// </summary>
public sealed class StoredSecretRolloverTests
{
    private static readonly byte[] Stored = RandomNumberGenerator.GetBytes(SessionKeySecret.Bytes);
    private static readonly byte[] Next = RandomNumberGenerator.GetBytes(SessionKeySecret.Bytes);

    [Fact]
    public async Task WithoutAConfiguredSecret_TheStoredOneStaysCurrent_AndPreviousSecretsAreRead()
    {
        await using var app = await StartAsync(secret: null, previous: Next);

        var secrets = app.Services.GetRequiredService<SessionSecrets>();

        Assert.Equal(SessionSecret.KeyIdOf(Stored), secrets.Current.KeyId);
        Assert.Equal(SessionSecret.KeyIdOf(Next), Assert.Single(secrets.All.Skip(1)).KeyId);
    }

    [Fact]
    public async Task AConfiguredSecretTakesPrecedence_AndACookieUnderTheStoredSecretListedAsPrevious_StillReads()
    {
        string cookieValue;
        await using (var before = await StartAsync(secret: null))
        {
            var response = new DefaultHttpContext().Response;
            before.Services.GetRequiredService<SessionCookie>().Issue(response, SessionCookie.NewId());
            cookieValue = response.Headers.SetCookie.ToString().Split(';')[0];
        }

        await using var after = await StartAsync(secret: Next, previous: Stored);
        var request = new DefaultHttpContext().Request;
        request.Headers.Cookie = cookieValue;

        Assert.Equal(SessionSecret.KeyIdOf(Next), after.Services.GetRequiredService<SessionSecrets>().Current.KeyId);
        Assert.True(after.Services.GetRequiredService<SessionCookie>().TryRead(request, out _, out var secret));
        Assert.Equal(SessionSecret.KeyIdOf(Stored), secret.KeyId);
    }

    [Fact]
    public async Task TheStoredSecretListedAsPreviousWhileItIsStillCurrent_FailsTheStart_WithoutNamingTheSecret()
    {
        var failure = await Assert.ThrowsAsync<StartupException>(() => StartAsync(secret: null, previous: Stored));

        Assert.StartsWith("SessionGrainKey:PreviousSecrets repeats the current session-key secret", StartupFailure.Describe(failure), StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Stored), StartupFailure.Describe(failure), StringComparison.Ordinal);
    }

    private static async Task<WebApplication> StartAsync(byte[]? secret, params byte[][] previous)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseTestServer();
        if (secret is not null)
        {
            builder.Configuration[TestSessionKeySecret.Key] = Convert.ToBase64String(secret);
        }

        for (var i = 0; i < previous.Length; i++)
        {
            builder.Configuration[$"SessionGrainKey:PreviousSecrets:{i}"] = Convert.ToBase64String(previous[i]);
        }

        builder.Services.AddSingleton<ISessionKeySecretStore>(new StoredSecret());
        builder.Services.AddOrleansSessions();
        builder.Services.AddSingleton<IGrainFactory>(_ => throw new InvalidOperationException("Starting needs no cluster."));
        var app = builder.Build();
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private sealed class StoredSecret : ISessionKeySecretStore
    {
        public Task<byte[]> GetOrCreateAsync(CancellationToken cancellationToken) => Task.FromResult(Stored);
    }
}
