namespace Sessions.Grains;

/// <summary>
/// Where stored session lifecycle events wait for the dispatcher: the outbox table beside the session rows (registered
/// by the SQLite and PostgreSQL storage of the Sessions engine), or a grain in memory mode. With none registered (the
/// Orleans ADO.NET engine), no events are produced.
/// </summary>
public interface ISessionEventOutbox
{
    /// <summary>The oldest events of this service, at most <paramref name="max"/>, oldest first.</summary>
    Task<IReadOnlyList<SessionLifecycleEvent>> ReadOldestAsync(int max, CancellationToken cancellationToken);

    /// <summary>Removes delivered events.</summary>
    Task DeleteAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken);
}
