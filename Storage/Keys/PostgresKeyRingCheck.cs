using Microsoft.Extensions.Hosting;

namespace Sessions.Storage;

/// <summary>Refuses to start a frontend whose PostgreSQL key ring has no (current) Sessions schema, with a clear message.</summary>
internal sealed class PostgresKeyRingCheck(string connectionString) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var check = await PostgresSchema.CheckAsync(connectionString, cancellationToken);
        if (!check.IsCurrent)
        {
            throw new PostgresSchemaException(check.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
