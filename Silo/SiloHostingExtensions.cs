using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Sessions.Grains;

namespace Sessions.Silo;

public static class SiloHostingExtensions
{
    /// <summary>
    /// Hosts a Sessions silo in this process: clustering, session storage and the session grains, all from the
    /// <c>Silo</c> configuration section. The standalone Silo and the embedded WebFrontend both call this.
    /// </summary>
    public static IHostApplicationBuilder AddSessionsSilo(this IHostApplicationBuilder builder, Action<ISiloBuilder>? configure = null)
    {
        var section = builder.Configuration.GetSection(SiloHostingOptions.SectionName);
        var options = section.Get<SiloHostingOptions>() ?? new SiloHostingOptions();
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(SiloHostingOptions.SectionName, typeof(SiloHostingOptions), errors);
        }

        builder.Services.AddOptions<SiloHostingOptions>().Bind(section);
        builder.Services.AddSessionGrains();

        string? sqlitePath = null;
        if (options.Storage == SessionStorageKind.Sqlite)
        {
            sqlitePath = Path.GetFullPath(options.SqlitePath, builder.Environment.ContentRootPath);
            builder.Services.AddHostedService(sp =>
                new SqliteSchemaInstaller(sqlitePath, sp.GetRequiredService<ILogger<SqliteSchemaInstaller>>()));
        }

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(cluster =>
            {
                cluster.ServiceId = options.ServiceId;
                cluster.ClusterId = options.ClusterId;
            });

            switch (options.Clustering)
            {
                case SiloClustering.Localhost:
                    silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, null, options.ServiceId, options.ClusterId);
                    break;
            }

            switch (options.Storage)
            {
                case SessionStorageKind.Memory:
                    silo.AddMemoryGrainStorage(SessionStorage.ProviderName);
                    break;
                case SessionStorageKind.Sqlite:
                    silo.AddSqliteSessionStorage(sqlitePath!);
                    break;
            }

            configure?.Invoke(silo);
        });

        return builder;
    }
}
