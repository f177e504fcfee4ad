namespace Sessions.Tests.Fixtures;

[CollectionDefinition(Name)]
public sealed class AnalyticsClusterCollection : ICollectionFixture<AnalyticsClusterFixture>
{
    public const string Name = "AnalyticsCluster";
}
