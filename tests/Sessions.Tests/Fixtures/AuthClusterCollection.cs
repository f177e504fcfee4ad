namespace Sessions.Tests.Fixtures;

/// <summary>Login tests: they move the clock and end sessions of whole users, so they have their own cluster.</summary>
[CollectionDefinition(Name)]
public sealed class AuthClusterCollection : ICollectionFixture<AuthClusterFixture>
{
    public const string Name = "AuthCluster";
}
