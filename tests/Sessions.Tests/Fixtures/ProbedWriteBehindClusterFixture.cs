namespace Sessions.Tests.Fixtures;

/// <summary>The probed cluster in write-behind mode, flushing every second of its fake clock.</summary>
public sealed class ProbedWriteBehindClusterFixture : ProbedClusterFixture
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    protected override void ConfigurePersistence(SessionPersistenceOptions options)
    {
        options.WriteMode = SessionWriteMode.WriteBehind;
        options.WriteBehindInterval = FlushInterval;
    }
}
