namespace Sessions.Tests.RequestLifetime;

/// <summary>
/// What <see cref="GatedGrainFactory"/> does with the frontend's session grain calls: while a hold is set, the next
/// <c>LoadAsync</c> waits for its release (or for its caller's cancellation) before it reaches the grain.
/// </summary>
public sealed class SessionCallGate
{
    private readonly Lock _lock = new();
    private HeldLoad? _next;

    /// <summary>Tells which request each load runs for, when set.</summary>
    public RequestWorkTracker? Tracker { get; set; }

    /// <summary>Holds the next session load; the returned handle says when it arrived and releases it.</summary>
    public HeldLoad HoldNextLoad()
    {
        lock (_lock)
        {
            return _next = new HeldLoad();
        }
    }

    internal HeldLoad? TakeHold()
    {
        lock (_lock)
        {
            var hold = _next;
            _next = null;
            return hold;
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>One held load: <see cref="Arrived"/> when the frontend made the call, then <see cref="Release"/> lets it through.</summary>
    public sealed class HeldLoad
    {
        private readonly TaskCompletionSource _arrived = NewSignal();
        private readonly TaskCompletionSource _released = NewSignal();
        private readonly TaskCompletionSource _cancelled = NewSignal();

        public Task Arrived => _arrived.Task;

        /// <summary>Completes when the caller cancelled the held load (it never reached the grain).</summary>
        public Task Cancelled => _cancelled.Task;

        public void Release() => _released.TrySetResult();

        internal async Task WaitAsync(CancellationToken cancellationToken)
        {
            _arrived.TrySetResult();
            try
            {
                await _released.Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                _cancelled.TrySetResult();
                throw;
            }
        }
    }
}
