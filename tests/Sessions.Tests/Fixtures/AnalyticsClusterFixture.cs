namespace Sessions.Tests.Fixtures;

/// <summary>An in-memory test cluster of its own for analytics totals, which every session of a cluster adds to.</summary>
public sealed class AnalyticsClusterFixture : ClusterFixture;
