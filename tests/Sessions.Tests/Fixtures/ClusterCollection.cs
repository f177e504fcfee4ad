namespace Sessions.Tests.Fixtures;

/// <summary>Tests that share one cluster and never move its clock.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "Cluster";
}
