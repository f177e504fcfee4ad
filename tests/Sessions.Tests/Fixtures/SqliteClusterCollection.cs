namespace Sessions.Tests.Fixtures;

/// <summary>Tests on the real SQLite storage (they move the clock, so they have their own cluster).</summary>
[CollectionDefinition(Name)]
public sealed class SqliteClusterCollection : ICollectionFixture<SqliteClusterFixture>
{
    public const string Name = "SqliteCluster";
}
