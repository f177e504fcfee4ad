namespace Sessions.Tests.Fixtures;

/// <summary>Tests of session lifecycle events: they take the consumer down and purge every row, so they have their own cluster.</summary>
[CollectionDefinition(Name)]
public sealed class EventsClusterCollection : ICollectionFixture<EventsClusterFixture>
{
    public const string Name = "EventsCluster";
}
