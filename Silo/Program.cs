using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Sessions.Silo;

/// <summary>The standalone silo, or <c>migrate</c> to apply the PostgreSQL schema.</summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (MigrateCommand.Matches(args))
        {
            return await MigrateCommand.RunAsync(args, Console.Out, Console.Error);
        }

        try
        {
            var builder = Host.CreateApplicationBuilder(args);
            builder.AddSessionsSilo();
            await builder.Build().RunAsync();
            return 0;
        }
        catch (Exception exception) when (exception is PostgresSchemaException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync($"Sessions.Silo: {exception.Message}");
            return 1;
        }
    }
}
