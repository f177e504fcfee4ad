namespace Sessions.Tests.Fixtures;

[CollectionDefinition(Name)]
public sealed class ProbedWriteBehindClusterCollection : ICollectionFixture<ProbedWriteBehindClusterFixture>
{
    public const string Name = "ProbedWriteBehindCluster";
}
