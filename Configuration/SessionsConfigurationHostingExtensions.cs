using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Sessions.Configuration;

namespace Sessions.Configuration;

public static class SessionsConfigurationHostingExtensions
{
    /// <summary>Identifies the application and its stored data (rows are scoped by it): keep it stable across deployments. Bound by Orleans itself; silos and frontends must agree.</summary>
    public const string DefaultServiceId = "sessions";

    /// <summary>Identifies one deployment of silos and frontends; a frontend given another one is not ready. Bound by Orleans itself.</summary>
    public const string DefaultClusterId = "dev";

    private static readonly object Applied = new();

    /// <summary>
    /// The part of the configuration model that silos and frontends share, applied once per host whoever asks first:
    /// defaults for Orleans' own identity keys (<c>Orleans:ServiceId</c>, <c>Orleans:ClusterId</c>, which Orleans binds
    /// itself), the deprecated keys of the previous release carried over to their new names (one warning each at
    /// start), and the validated <c>ConnectionStrings</c>, <c>Cluster</c> and <c>ClusterTls</c> sections.
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

        // A start that fails on configuration or schema is reported by Program in one line naming the key; the host's
        // own "Hosting failed to start" entry would repeat it with a stack trace. Other failures still end the process
        // with theirs.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);

        var services = builder.Services;
        var retired = RetiredConfigurationKey.SetIn(builder.Configuration);
        services.AddHostedService(sp => new DeprecatedConfigurationKeysWarning(
            uses, retired, sp.GetRequiredService<ILogger<DeprecatedConfigurationKeysWarning>>()));
        // Their syntax is checked where a database is opened (the storage assembly), as only it knows the driver.
        services.AddOptions<SessionsConnectionStrings>().BindConfiguration(SessionsConnectionStrings.SectionName);
        services.AddValidatedOptions<SessionsClusterOptions, SessionsClusterOptionsValidator>(SessionsClusterOptions.SectionName);
        services.AddValidatedOptions<ClusterTlsOptions, ClusterTlsOptionsValidator>(ClusterTlsOptions.SectionName);
        services.AddOptions<ClusterOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterIdentityValidator>());
        return builder;
    }
}
