namespace Sessions.Tests.Fixtures;

/// <summary>The probed cluster in write-behind mode, flushing every WriteBehindFlushInterval of its fake clock.</summary>
public sealed class ProbedWriteBehindClusterFixture : ProbedClusterFixture
{
    protected override void ConfigurePersistence(SessionPersistenceOptions options) => UseWriteBehind(options);
}
