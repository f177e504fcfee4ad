using Sessions.Grains.Interfaces;

namespace Sessions.Storage;

/// <summary>
/// One write waiting for its batch: an upsert of <see cref="Row"/>, or the delete of <see cref="GrainKey"/> when
/// <see cref="Row"/> is null; applied only when the stored version is still <see cref="ExpectedVersion"/> (null: no row).
/// <see cref="Event"/>, if any, goes to the event outbox in the same transaction, only when the write applies.
/// </summary>
public sealed class SessionRowWrite(string grainKey, long? expectedVersion, SessionRow? row, SessionLifecycleEvent? lifecycleEvent = null)
{
    private readonly TaskCompletionSource<long?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string GrainKey { get; } = grainKey;

    public long? ExpectedVersion { get; } = expectedVersion;

    public SessionRow? Row { get; } = row;

    public SessionLifecycleEvent? Event { get; } = lifecycleEvent;

    /// <summary>
    /// Completes once the batch committed: the new version (null after a delete), or <see cref="Conflict"/> when the
    /// stored version differed; fails with a <c>SessionStorageException</c> when the batch did not commit.
    /// </summary>
    public Task<long?> Done => _done.Task;

    /// <summary>When it was queued (<see cref="System.Diagnostics.Stopwatch"/> timestamp), for the queue's metrics.</summary>
    internal long EnqueuedAt { get; set; }

    /// <summary>When a writer took it into a batch.</summary>
    internal long TakenAt { get; set; }

    /// <summary>The result of a write whose version check failed.</summary>
    public const long Conflict = -1;

    public void Complete(long? version) => _done.TrySetResult(version);

    public void Fail(Exception exception) => _done.TrySetException(exception);
}
