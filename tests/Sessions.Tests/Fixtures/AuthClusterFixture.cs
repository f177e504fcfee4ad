using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// The in-memory test cluster for login tests: at most <see cref="MaxSessionsPerUser"/> sessions per user, the default
/// renewal timings on the fake clock, and every silo's log entries kept (security events).
/// </summary>
public sealed class AuthClusterFixture : ClusterFixture
{
    public const int MaxSessionsPerUser = 3;

    public LogRecorder SiloLogs { get; } = new();

    protected override void ConfigureSilo(ISiloBuilder silo)
    {
        silo.Services.Configure<AuthOptions>(o => o.MaxSessionsPerUser = MaxSessionsPerUser);
        silo.Services.AddSingleton<ILoggerProvider>(SiloLogs);
    }
}
