using System.Reflection;

namespace Sessions.Tests.RequestLifetime;

/// <summary>
/// What the frontend's session grain calls meet on their way (through <see cref="InterceptedGrainFactory"/>): while a
/// hold is set, the next load (<c>LoadAsync</c> or <c>LoadLeasedAsync</c>) waits for its release (or for its caller's cancellation) before it reaches
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
        answer = method.Name switch
        {
            nameof(ISessionGrain.LoadAsync) when Gated(token => grain.LoadAsync(token).AsTask(), (CancellationToken)args[0]!) is { } load =>
                new ValueTask<SessionSnapshot?>(load),
            nameof(ISessionGrain.LoadLeasedAsync) when Gated(
                token => grain.LoadLeasedAsync((ISessionLeaseHolder)args[0]!, (long)args[1]!, token).AsTask(), (CancellationToken)args[2]!) is { } leased =>
                new ValueTask<SessionLeasedRead>(leased),
            _ => null,
        };
        return answer is not null;
    }

    /// <summary>The load held or tracked, or null when neither applies (the call goes straight through).</summary>
    private Task<T>? Gated<T>(Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken)
    {
        if (TakeHold() is { } hold)
        {
            return LoadWhenReleasedAsync(load, hold, cancellationToken);
        }

        return Tracker is { } tracker ? TrackedLoadAsync(load, tracker.LoadStarted(), cancellationToken) : null;
    }

    private static async Task<T> LoadWhenReleasedAsync<T>(Func<CancellationToken, Task<T>> load, HeldLoad hold, CancellationToken cancellationToken)
    {
        await hold.WaitAsync(cancellationToken);
        return await load(cancellationToken);
    }

    private static async Task<T> TrackedLoadAsync<T>(Func<CancellationToken, Task<T>> load, IDisposable started, CancellationToken cancellationToken)
    {
        using (started)
        {
            await Task.Yield(); // the request goes on meanwhile, as with a grain on another silo
            return await load(cancellationToken);
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
