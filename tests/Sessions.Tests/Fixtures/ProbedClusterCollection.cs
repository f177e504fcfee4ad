namespace Sessions.Tests.Fixtures;

[CollectionDefinition(Name)]
public sealed class ProbedClusterCollection : ICollectionFixture<ProbedClusterFixture>
{
    public const string Name = "ProbedCluster";
}
