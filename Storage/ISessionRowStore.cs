namespace Sessions.Storage;

/// <summary>Where <see cref="SessionRowStateStore"/> reads and writes session rows.</summary>
public interface ISessionRowStore
{
    /// <summary>The row of <paramref name="grainKey"/> and its version, or null when there is none.</summary>
    Task<(SessionRow Row, long Version)?> ReadAsync(string grainKey, CancellationToken cancellationToken);

    /// <summary>
    /// Queues <paramref name="write"/> for the next batch; waits (backpressure) while the queue is full. Await
    /// <see cref="SessionRowWrite.Done"/> for its outcome.
    /// </summary>
    ValueTask EnqueueAsync(SessionRowWrite write, CancellationToken cancellationToken);
}
