using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Sessions.Grains.Interfaces.Configuration;

namespace Sessions.Silo;

public static class SessionsConfigurationHostingExtensions
{
    /// <summary>The service id when <c>Orleans:ServiceId</c> is not set. Stored rows are scoped by it: keep it stable.</summary>
    public const string DefaultServiceId = "sessions";

    /// <summary>The cluster id when <c>Orleans:ClusterId</c> is not set.</summary>
    public const string DefaultClusterId = "dev";

    private static readonly object Applied = new();

    /// <summary>
    /// The part of the configuration model that silos and frontends share, applied once per host whoever asks first:
    /// defaults for Orleans' own identity keys (<c>Orleans:ServiceId</c>, <c>Orleans:ClusterId</c>, which Orleans binds
    /// itself), the deprecated keys of the previous release carried over to their new names (one warning each at
    /// start), and the validated <c>ConnectionStrings</c> and <c>Cluster</c> sections.
    /// </summary>
    public static IHostApplicationBuilder AddSessionsConfiguration(this IHostApplicationBuilder builder)
    {
        if (!builder.Properties.TryAdd(Applied, true))
        {
            return builder;
        }

        // Lowest precedence: any source that sets the key wins over these defaults.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Orleans:ServiceId"] = DefaultServiceId,
                ["Orleans:ClusterId"] = DefaultClusterId,
            },
        });

        var (uses, values) = DeprecatedConfigurationKeys.Resolve((IConfigurationRoot)builder.Configuration);
        if (values.Count > 0)
        {
            builder.Configuration.AddInMemoryCollection(values);
        }

        var services = builder.Services;
        services.AddHostedService(sp => new DeprecatedConfigurationKeysWarning(uses, sp.GetRequiredService<ILogger<DeprecatedConfigurationKeysWarning>>()));
        services.AddValidatedOptions<SessionsConnectionStrings, SessionsConnectionStringsValidator>(SessionsConnectionStrings.SectionName);
        services.AddValidatedOptions<SessionsClusterOptions, SessionsClusterOptionsValidator>(SessionsClusterOptions.SectionName);
        services.AddOptions<ClusterOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterIdentityValidator>());
        return builder;
    }
}
