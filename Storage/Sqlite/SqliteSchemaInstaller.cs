using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sessions.Storage;

/// <summary>Applies the SQLite schema before the silo starts (registered ahead of Orleans, so it runs first).</summary>
internal sealed class SqliteSchemaInstaller(string databasePath, ILogger<SqliteSchemaInstaller> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await SqliteSchema.ApplyAsync(databasePath, cancellationToken);
        logger.SqliteSchemaApplied(databasePath, SqliteSchema.CurrentVersion);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
