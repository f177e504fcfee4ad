namespace Sessions.Tests.Cluster;

/// <summary>
/// Tests on one real multi-process cluster (<see cref="LocalClusterFixture"/>). Not run in parallel with other
/// collections: killing a silo and timing its failover needs the machine's cores to itself.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalClusterCollection : ICollectionFixture<LocalClusterFixture>
{
    public const string Name = "Local multi-process cluster";
}
