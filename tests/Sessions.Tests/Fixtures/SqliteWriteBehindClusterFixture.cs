namespace Sessions.Tests.Fixtures;

/// <summary>The SQLite test cluster in write-behind mode (flush interval 1 s of the fake clock).</summary>
public sealed class SqliteWriteBehindClusterFixture : SqliteClusterFixture
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    protected override void ConfigurePersistence(SessionPersistenceOptions options)
    {
        options.WriteMode = SessionWriteMode.WriteBehind;
        options.WriteBehindInterval = FlushInterval;
    }
}
