namespace Sessions.Tests.Fixtures;

/// <summary>Tests on SQLite through Orleans' ADO.NET storage engine (they move the clock, so they have their own cluster).</summary>
[CollectionDefinition(Name)]
public sealed class SqliteAdoNetClusterCollection : ICollectionFixture<SqliteAdoNetClusterFixture>
{
    public const string Name = "SqliteAdoNetCluster";
}
