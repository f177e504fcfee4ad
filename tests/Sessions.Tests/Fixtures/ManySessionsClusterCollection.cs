namespace Sessions.Tests.Fixtures;

[CollectionDefinition(Name)]
public sealed class ManySessionsClusterCollection : ICollectionFixture<ManySessionsClusterFixture>
{
    public const string Name = "ManySessionsCluster";
}
