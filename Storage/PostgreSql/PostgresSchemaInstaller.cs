using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sessions.Storage;

/// <summary>
/// Makes sure the PostgreSQL schema is usable before the silo starts (registered ahead of Orleans, so it runs first):
/// applies it when <c>Silo:ApplySchemaOnStart</c> is set, otherwise only checks the version and
/// stops the start with a clear message when it is missing, old or newer than this build.
/// </summary>
internal sealed class PostgresSchemaInstaller(
    string connectionString, bool applySchema, ILogger<PostgresSchemaInstaller> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (applySchema)
        {
            var result = await PostgresSchema.ApplyAsync(connectionString, cancellationToken);
            logger.PostgresSchemaApplied(result.Target, result.Version, result.AppliedScripts.Count);
            return;
        }

        var check = await PostgresSchema.CheckAsync(connectionString, cancellationToken);
        if (!check.IsCurrent)
        {
            throw new PostgresSchemaException(check.Message);
        }

        logger.PostgresSchemaChecked(check.Target, PostgresSchema.CurrentVersion);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
