using System.Diagnostics;
using System.Threading.Channels;

namespace Sessions.Storage;

/// <summary>
/// The queue in front of a group-commit writer: bounded (a full queue makes writers wait instead of memory growing),
/// drained in batches of whatever is waiting when the writer becomes free.
/// </summary>
public sealed class WriteBatches
{
    /// <summary>Most writes in one transaction or round trip.</summary>
    public const int MaxBatch = 1000;

    /// <summary>The default capacity: most session writes waiting for storage per silo.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly Channel<SessionRowWrite> _queue;
    private long _committedBatches;

    /// <param name="capacity">Most writes waiting; beyond it writers wait.</param>
    /// <param name="writers">How many writer loops drain the queue (each its own batch in flight).</param>
    public WriteBatches(int capacity, int writers = 1)
    {
        Writers = writers;
        _queue = Channel.CreateBounded<SessionRowWrite>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = writers == 1,
        });
    }

    /// <summary>How many batches can be in flight at once (one per writer loop); beyond the queue, writes in memory are
    /// bounded by the capacity plus this many batches.</summary>
    public int Writers { get; }

    /// <summary>Where the queue's and batches' times are recorded; none when the host has no meters.</summary>
    internal WriteBatchMetrics? Metrics { get; set; }

    public ValueTask EnqueueAsync(SessionRowWrite write, CancellationToken cancellationToken)
    {
        write.EnqueuedAt = Stopwatch.GetTimestamp();
        return _queue.Writer.WriteAsync(write, cancellationToken);
    }

    /// <summary>Waits for writes; false once <see cref="Complete"/> was called and the queue is empty.</summary>
    public ValueTask<bool> WaitAsync() => _queue.Reader.WaitToReadAsync();

    /// <summary>Raised by the writer with the size of each batch it took, before writing it.</summary>
    public event Action<int>? BatchTaken;

    /// <summary>
    /// Takes what is waiting, up to <see cref="MaxBatch"/>, into <paramref name="batch"/> (cleared first); false when
    /// another writer took it all first.
    /// </summary>
    public bool Drain(List<SessionRowWrite> batch)
    {
        batch.Clear();
        while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
        {
            batch.Add(write);
        }

        if (batch.Count == 0)
        {
            return false;
        }

        var takenAt = Stopwatch.GetTimestamp();
        foreach (var write in batch)
        {
            write.TakenAt = takenAt;
            Metrics?.Taken(write.EnqueuedAt, takenAt);
        }

        BatchTaken?.Invoke(batch.Count);
        return true;
    }

    /// <summary>Writes waiting for a batch.</summary>
    public int Pending => _queue.Reader.Count;

    /// <summary>Batches committed so far.</summary>
    public long CommittedBatches => Interlocked.Read(ref _committedBatches);

    /// <summary>Counts <paramref name="batch"/> (as <see cref="Drain"/> took it) committed.</summary>
    public void RecordCommit(List<SessionRowWrite> batch)
    {
        Interlocked.Increment(ref _committedBatches);
        Metrics?.Committed(batch.Count, batch[0].TakenAt);
    }

    /// <summary>No more writes; the writer finishes what is queued.</summary>
    public void Complete() => _queue.Writer.TryComplete();
}
