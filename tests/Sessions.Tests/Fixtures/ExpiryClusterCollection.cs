namespace Sessions.Tests.Fixtures;

/// <summary>Tests that move the clock: their own cluster, so other tests never see time jump.</summary>
[CollectionDefinition(Name)]
public sealed class ExpiryClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "ExpiryCluster";
}
