using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Sessions.Storage;
using Sessions.Hosting;
using Sessions.WebFrontend.Hosting;

namespace Sessions.Tests.Configuration;

/// <summary>The demo frontend started with a key-encryption key other than the one its stored secret is encrypted under.</summary>
public sealed class KeyEncryptionStartupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sessions-kek-start-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AWrongKeyEncryptionKeyFailsTheStartWithAOneLineMessageNamingTheKey()
    {
        var keyRing = Path.Combine(_folder, "keys");
        await new FileSessionKeySecretStore(keyRing, new KeyEncryptionKeys(RandomNumberGenerator.GetBytes(32), [])).GetOrCreateAsync(Token);
        var wrongKey = Path.Combine(_folder, "wrong-kek");
        await File.WriteAllTextAsync(wrongKey, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Token);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = _folder,
            Args = [$"--SessionCookie:KeyRingPath={keyRing}", $"--KeyEncryption:KeyPath={wrongKey}", "--urls=http://127.0.0.1:0"],
        });
        builder.AddSessionsCluster();
        builder.AddSessionFrontend();
        await using var app = builder.Build();
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(Token));

        var message = StartupFailure.Describe(failure);
        Assert.NotNull(message);
        Assert.DoesNotContain('\n', message);
        Assert.StartsWith($"The session-key secret in '{Path.Combine(keyRing, FileSessionKeySecretStore.FileName)}' cannot be decrypted with KeyEncryption:KeyPath", message, StringComparison.Ordinal);
    }
}
