namespace Sessions.Tests.Fixtures;

/// <summary>Read-lease tests: they move the lease clock, so they have their own cluster.</summary>
[CollectionDefinition(Name)]
public sealed class LeaseClusterCollection : ICollectionFixture<LeaseClusterFixture>
{
    public const string Name = "LeaseCluster";
}
