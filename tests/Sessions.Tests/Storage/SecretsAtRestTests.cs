using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Sessions.Storage;

namespace Sessions.Tests.Storage;

/// <summary>The session-key secret and the Data Protection key ring at rest: encrypted under the key-encryption key, never next to the data in plaintext.</summary>
public sealed class SecretsAtRestTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sessions-kek-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task SessionKeySecretIsStoredEncryptedUnderTheKeyEncryptionKey()
    {
        var keys = Keys();
        var secret = await new FileSessionKeySecretStore(_folder, keys).GetOrCreateAsync(Token);

        var stored = await File.ReadAllBytesAsync(Path.Combine(_folder, FileSessionKeySecretStore.FileName), Token);
        Assert.Equal(SessionKeySecret.Bytes, secret.Length);
        Assert.False(Contains(stored, secret));
        Assert.True(KeyEncryptionKeys.IsSealed(stored));
        Assert.Equal(secret, await new FileSessionKeySecretStore(_folder, keys).GetOrCreateAsync(Token));
    }

    [Fact]
    public async Task PlaintextSessionKeySecretFromBeforeIsReencryptedAtStart()
    {
        var path = Path.Combine(_folder, FileSessionKeySecretStore.FileName);
        var secret = await new FileSessionKeySecretStore(_folder).GetOrCreateAsync(Token);
        Assert.Equal(secret, await File.ReadAllBytesAsync(path, Token));

        Assert.Equal(secret, await new FileSessionKeySecretStore(_folder, Keys()).GetOrCreateAsync(Token));

        Assert.False(Contains(await File.ReadAllBytesAsync(path, Token), secret));
    }

    [Fact]
    public async Task SessionKeySecretUnderAPreviousKeyEncryptionKeyIsReadAndReencryptedUnderTheCurrentOne()
    {
        var (old, current) = (RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        var secret = await new FileSessionKeySecretStore(_folder, new KeyEncryptionKeys(old, [])).GetOrCreateAsync(Token);

        Assert.Equal(secret, await new FileSessionKeySecretStore(_folder, new KeyEncryptionKeys(current, [old])).GetOrCreateAsync(Token));
        Assert.Equal(secret, await new FileSessionKeySecretStore(_folder, new KeyEncryptionKeys(current, [])).GetOrCreateAsync(Token));
    }

    [Fact]
    public async Task AWrongKeyEncryptionKeyFailsTheStartWithAOneLineMessage()
    {
        await new FileSessionKeySecretStore(_folder, Keys()).GetOrCreateAsync(Token);

        var failure = await Assert.ThrowsAsync<StartupException>(() => new FileSessionKeySecretStore(_folder, Keys()).GetOrCreateAsync(Token));

        var line = StartupFailure.Describe(failure);
        Assert.NotNull(line);
        Assert.DoesNotContain('\n', line);
        Assert.Contains("KeyEncryption:KeyPath", line, StringComparison.Ordinal);
        Assert.StartsWith("The session-key secret in", line, StringComparison.Ordinal);
    }

    [Fact]
    public void DataProtectionKeyRingIsStoredWithoutPlaintextKeyMaterialUnderAKeyEncryptionKey()
    {
        var keyPath = Path.Combine(_folder, "kek");
        File.WriteAllText(keyPath, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var ring = Path.Combine(_folder, "ring");

        string protectedText;
        using (var first = KeyRingServices(ring, keyPath))
        {
            protectedText = first.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("hello");
        }

        var xml = string.Concat(Directory.GetFiles(ring, "key-*.xml").Select(File.ReadAllText));
        Assert.Contains("sessionsEncryptedKey", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        using var second = KeyRingServices(ring, keyPath);
        Assert.Equal("hello", second.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
    }

    [Fact]
    public void KeyEncryptionKeyFileMustHoldA256BitKey()
    {
        var keyPath = Path.Combine(_folder, "short");
        File.WriteAllText(keyPath, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
        var result = new KeyEncryptionOptionsValidator(Environment()).Validate(null, new KeyEncryptionOptions { KeyPath = keyPath });

        Assert.Equal(["KeyEncryption:KeyPath must hold 32 random bytes, raw or as base64 text (e.g. `openssl rand -base64 32`)."], result.Failures);
    }

    private ServiceProvider KeyRingServices(string ring, string keyPath)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["KeyEncryption:KeyPath"] = keyPath }).Build())
            .AddSingleton(Environment())
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSessionsFileKeyRing(ring);
        return services.BuildServiceProvider();
    }

    private IHostEnvironment Environment() =>
        new HostingEnvironment { EnvironmentName = Environments.Production, ContentRootPath = _folder };

    private static KeyEncryptionKeys Keys() => new(RandomNumberGenerator.GetBytes(32), []);

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
