namespace Sessions.Tests.RequestLifetime;

/// <summary>Request lifetime tests: they move the clock (renewals due), so they have a cluster of their own.</summary>
[CollectionDefinition(Name)]
public sealed class RequestLifetimeCollection : ICollectionFixture<AuthClusterFixture>
{
    public const string Name = "RequestLifetime";
}
