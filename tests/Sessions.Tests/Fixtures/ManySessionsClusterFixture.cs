using Microsoft.Extensions.DependencyInjection;

namespace Sessions.Tests.Fixtures;

/// <summary>A test cluster whose users may hold <see cref="MaxSessionsPerUser"/> sessions, far more than a test signs in.</summary>
public sealed class ManySessionsClusterFixture : ClusterFixture
{
    public const int MaxSessionsPerUser = 20;

    protected override void ConfigureSilo(ISiloBuilder silo) =>
        silo.Services.Configure<AuthOptions>(o => o.MaxSessionsPerUser = MaxSessionsPerUser);
}
