using Microsoft.Extensions.Hosting;

namespace Sessions.Silo;

/// <summary>The standalone silo, or <c>migrate</c> to apply the PostgreSQL schema.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (MigrateCommand.Matches(args))
        {
            var configuration = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
            return await MigrateCommand.RunAsync(args, configuration, Console.Out, Console.Error);
        }

        try
        {
            var builder = Host.CreateApplicationBuilder(args);
            builder.AddSessionsSilo();
            builder.AddSiloTelemetry();
            await builder.Build().RunAsync();
            return 0;
        }
        catch (Exception exception) when (StartupFailure.Describe(exception) is { } message)
        {
            await Console.Error.WriteLineAsync($"Sessions.Silo: {message}");
            return 1;
        }
    }
}
