using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Sessions.Configuration;
using Sessions.Storage;
using Sessions.Hosting;

namespace Sessions.Tests.Fixtures;

/// <summary>A silo host built (not started) through the production wiring, <c>AddSessionsSilo()</c>, from the given settings only.</summary>
public static class ConfiguredSilo
{
    public static HostApplicationBuilder Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddSessionsSilo();
        return builder;
    }

    /// <summary>The validated options the silo was built with.</summary>
    public static TOptions Options<TOptions>(Dictionary<string, string?> settings)
        where TOptions : class =>
        Build(settings).GetValidatedOptions<TOptions>();
}
