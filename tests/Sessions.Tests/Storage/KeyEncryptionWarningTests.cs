using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sessions.Storage;

namespace Sessions.Tests.Storage;

/// <summary>A key ring kept without a key-encryption key is said at start, outside Development only.</summary>
public sealed class KeyEncryptionWarningTests
{
    private const int StoredWithoutKeyEncryptionEvent = 2100;

    [Theory]
    [InlineData("Production", 1)]
    [InlineData("Staging", 1)]
    [InlineData("Development", 0)]
    public async Task KeyRingWithoutAKeyEncryptionKeyIsWarnedOnceOutsideDevelopment(string environmentName, int warnings)
    {
        using var logs = new LogRecorder();
        using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
        var environment = new HostingEnvironment { EnvironmentName = environmentName, ContentRootPath = Path.GetTempPath() };
        var warning = new KeyEncryptionWarning(
            new ConfiguredKeyEncryption(Options.Create(new KeyEncryptionOptions()), environment), environment, factory.CreateLogger<KeyEncryptionWarning>());

        await warning.StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal(warnings, logs.Entries.Count(e => e.EventId == StoredWithoutKeyEncryptionEvent && e.Level == LogLevel.Warning));
    }
}
