using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Sessions.Storage;

internal static class KeyEncryptionServiceCollectionExtensions
{
    /// <summary>The <c>KeyEncryption</c> section, validated, and the keys it names; registered once whoever asks.</summary>
    public static IServiceCollection AddKeyEncryption(this IServiceCollection services)
    {
        services.AddValidatedOptions<KeyEncryptionOptions, KeyEncryptionOptionsValidator>(KeyEncryptionOptions.SectionName);
        services.TryAddSingleton<ConfiguredKeyEncryption>();
        return services;
    }

    /// <summary>
    /// Protects a key ring at rest: Data Protection keys are encrypted under the KEK when one is configured, and
    /// outside Development the start warns once when none is.
    /// </summary>
    public static IServiceCollection AddKeyRingEncryption(this IServiceCollection services)
    {
        services.AddKeyEncryption();
        if (services.Any(d => d.ServiceType == typeof(KeyEncryptionWarning)))
        {
            return services;
        }

        services.AddSingleton<KeyEncryptionWarning>();
        services.AddHostedService(sp => sp.GetRequiredService<KeyEncryptionWarning>());
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            if (sp.GetRequiredService<ConfiguredKeyEncryption>().Keys is { } keys)
            {
                o.XmlEncryptor = new KeyEncryptionXmlEncryptor(keys);
            }
        }));
        return services;
    }
}
