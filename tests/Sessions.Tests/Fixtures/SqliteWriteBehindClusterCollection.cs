namespace Sessions.Tests.Fixtures;

[CollectionDefinition(Name)]
public sealed class SqliteWriteBehindClusterCollection : ICollectionFixture<SqliteWriteBehindClusterFixture>
{
    public const string Name = "SqliteWriteBehindCluster";
}
