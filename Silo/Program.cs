using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sessions.Silo;

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
