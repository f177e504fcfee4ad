using Orleans.Runtime.Diagnostics;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// Signals the end of a grain's next timer tick, from Orleans' grain-timer diagnostic events. The event is raised
/// just before the timer re-arms itself in the same scheduler turn, so a call to the grain made after the signal runs
/// only once the timer is armed again.
/// </summary>
public sealed class GrainTimerTicks : IObserver<GrainTimerEvents.TimerEvent>, IDisposable
{
    private readonly GrainId _grain;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable _subscription;

    private GrainTimerTicks(GrainId grain)
    {
        _grain = grain;
        _subscription = GrainTimerEvents.AllEvents.Subscribe(this);
    }

    /// <summary>Starts watching <paramref name="grain"/>; <see cref="Stopped"/> completes when its next tick ends.</summary>
    public static GrainTimerTicks Watch(GrainId grain) => new(grain);

    public Task Stopped => _stopped.Task;

    public void OnNext(GrainTimerEvents.TimerEvent value)
    {
        if (value is GrainTimerEvents.TickStop && value.GrainContext.GrainId == _grain)
        {
            _stopped.TrySetResult();
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error) => _stopped.TrySetException(error);

    public void Dispose() => _subscription.Dispose();
}
