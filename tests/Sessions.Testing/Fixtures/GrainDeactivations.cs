using Orleans.Runtime.Diagnostics;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// Signals when a grain's activation has deactivated (its <c>OnDeactivateAsync</c> done and the activation gone), from
/// Orleans' grain-lifecycle diagnostic events.
/// </summary>
public sealed class GrainDeactivations : IObserver<GrainLifecycleEvents.LifecycleEvent>, IDisposable
{
    private readonly GrainId _grain;
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IDisposable _subscription;

    private GrainDeactivations(GrainId grain)
    {
        _grain = grain;
        _subscription = GrainLifecycleEvents.AllEvents.Subscribe(this);
    }

    /// <summary>Starts watching <paramref name="grain"/>; <see cref="Deactivated"/> completes when an activation of it has deactivated.</summary>
    public static GrainDeactivations Watch(GrainId grain) => new(grain);

    public Task Deactivated => _deactivated.Task;

    public void OnNext(GrainLifecycleEvents.LifecycleEvent value)
    {
        if (value is GrainLifecycleEvents.Deactivated && value.GrainContext.GrainId == _grain)
        {
            _deactivated.TrySetResult();
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error) => _deactivated.TrySetException(error);

    public void Dispose() => _subscription.Dispose();
}
