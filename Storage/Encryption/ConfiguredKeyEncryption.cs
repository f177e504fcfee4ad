using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Sessions.Storage;

/// <summary>The key-encryption keys of the <c>KeyEncryption</c> section, loaded once on first use; <see cref="Keys"/> is null when none is configured.</summary>
internal sealed class ConfiguredKeyEncryption(IOptions<KeyEncryptionOptions> options, IHostEnvironment environment)
{
    private readonly Lazy<KeyEncryptionKeys?> _keys = new(() => KeyEncryptionKeys.Load(options.Value, environment.ContentRootPath));

    public KeyEncryptionKeys? Keys => _keys.Value;

    public bool EncryptPayloads => options.Value.EncryptPayloads;
}
