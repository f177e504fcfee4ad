using System.Reflection;

namespace Sessions.Tests.RequestLifetime;

/// <summary>
/// What the frontend's session grain calls meet on their way (through <see cref="InterceptedGrainFactory"/>): while a
/// hold is set, the next <c>LoadAsync</c> waits for its release (or for its caller's cancellation) before it reaches
/// the grain; with a <see cref="Tracker"/>, every other load is counted for its request.
/// </summary>
public sealed class SessionCallGate : ISessionGrainInterception
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

    public bool TryAnswer(ISessionGrain grain, MethodInfo method, object?[] args, out object? answer)
    {
        answer = null;
        if (method.Name != nameof(ISessionGrain.LoadAsync))
        {
            return false;
        }

        var cancellationToken = (CancellationToken)args[0]!;
        if (TakeHold() is { } hold)
        {
            answer = new ValueTask<SessionSnapshot?>(LoadWhenReleasedAsync(grain, hold, cancellationToken));
        }
        else if (Tracker is { } tracker)
        {
            answer = new ValueTask<SessionSnapshot?>(TrackedLoadAsync(grain, tracker.LoadStarted(), cancellationToken));
        }

        return answer is not null;
    }

    private static async Task<SessionSnapshot?> LoadWhenReleasedAsync(ISessionGrain grain, HeldLoad hold, CancellationToken cancellationToken)
    {
        await hold.WaitAsync(cancellationToken);
        return await grain.LoadAsync(cancellationToken);
    }

    private static async Task<SessionSnapshot?> TrackedLoadAsync(ISessionGrain grain, IDisposable load, CancellationToken cancellationToken)
    {
        using (load)
        {
            await Task.Yield(); // the request goes on meanwhile, as with a grain on another silo
            return await grain.LoadAsync(cancellationToken);
        }
    }

    private HeldLoad? TakeHold()
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
