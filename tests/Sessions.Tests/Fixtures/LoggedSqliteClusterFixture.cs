using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sessions.Tests.Fixtures;

/// <summary>The SQLite test cluster with every silo's log entries kept, to check what the silos write into logs.</summary>
public sealed class LoggedSqliteClusterFixture : SqliteClusterFixture
{
    public LogRecorder SiloLogs { get; } = new();

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        base.ConfigureSilo(silo);
        silo.Services.AddSingleton<ILoggerProvider>(SiloLogs);
    }
}
