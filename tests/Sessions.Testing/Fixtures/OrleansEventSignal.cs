namespace Sessions.Tests.Fixtures;

/// <summary>
/// Completes <see cref="Raised"/> when one of Orleans' diagnostic event streams raises an event that
/// <c>matches</c>; made by <see cref="OrleansEvents"/>. Dispose it to stop listening.
/// </summary>
public sealed class OrleansEventSignal<TEvent> : IObserver<TEvent>, IDisposable
{
    private readonly Func<TEvent, bool> _matches;
    private readonly TaskCompletionSource _raised = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable _subscription;

    internal OrleansEventSignal(IObservable<TEvent> events, Func<TEvent, bool> matches)
    {
        _matches = matches;
        _subscription = events.Subscribe(this);
    }

    public Task Raised => _raised.Task;

    public void OnNext(TEvent value)
    {
        if (_matches(value))
        {
            _raised.TrySetResult();
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error) => _raised.TrySetException(error);

    public void Dispose() => _subscription.Dispose();
}
