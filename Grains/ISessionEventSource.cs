namespace Sessions.Grains;

/// <summary>
/// Implemented by the session grain's state for its storage: the lifecycle event that the write under way carries
/// (the start with the session's first write, the end with its delete), to be stored in the same transaction.
/// </summary>
public interface ISessionEventSource
{
    SessionLifecycleEvent? PendingEvent { get; }
}
