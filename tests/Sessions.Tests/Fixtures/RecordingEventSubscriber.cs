using System.Collections.Concurrent;

namespace Sessions.Tests.Fixtures;

/// <summary>A subscriber of session events that keeps every delivery, and fails every delivery while it is down.</summary>
public sealed class RecordingEventSubscriber : ISessionEventSubscriber
{
    private readonly ConcurrentQueue<SessionLifecycleEvent> _received = new();
    private int _failedDeliveries;

    /// <summary>While true, every batch is refused (a consumer that is down).</summary>
    public bool Down { get; set; }

    public int FailedDeliveries => _failedDeliveries;

    /// <summary>Every event received, redeliveries included.</summary>
    public IReadOnlyList<SessionLifecycleEvent> Received => [.. _received];

    public Task HandleAsync(IReadOnlyList<SessionLifecycleEvent> events, CancellationToken cancellationToken)
    {
        if (Down)
        {
            Interlocked.Increment(ref _failedDeliveries);
            throw new InvalidOperationException("The consumer is down.");
        }

        foreach (var e in events)
        {
            _received.Enqueue(e);
        }

        return Task.CompletedTask;
    }
}
