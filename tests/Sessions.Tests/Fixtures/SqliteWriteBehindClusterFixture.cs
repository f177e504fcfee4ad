namespace Sessions.Tests.Fixtures;

/// <summary>The SQLite test cluster in write-behind mode (flushing every WriteBehindFlushInterval of its fake clock).</summary>
public sealed class SqliteWriteBehindClusterFixture : SqliteClusterFixture
{
    protected override void ConfigurePersistence(SessionPersistenceOptions options) => UseWriteBehind(options);
}
