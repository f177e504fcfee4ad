using Orleans.Storage;

namespace Sessions.Grains;

/// <summary>
/// Session storage of memory mode: writes through <paramref name="inner"/>, then appends the write's lifecycle event
/// (<see cref="ISessionEventSource"/>) to <see cref="IMemorySessionEventLogGrain"/>. Memory mode keeps nothing across a
/// restart, so the event is as durable as the session it describes.
/// </summary>
public sealed class EventLoggingGrainStorage(IGrainStorage inner, IGrainFactory grains) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var pending = (grainState as ISessionEventSource)?.PendingEvent;
        await inner.WriteStateAsync(stateName, grainId, grainState);
        await AppendAsync(pending);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var pending = grainState.RecordExists ? (grainState as ISessionEventSource)?.PendingEvent : null;
        await inner.ClearStateAsync(stateName, grainId, grainState);
        await AppendAsync(pending);
    }

    private async Task AppendAsync(SessionLifecycleEvent? pending)
    {
        if (pending is not null)
        {
            await grains.GetGrain<IMemorySessionEventLogGrain>(0).AppendAsync(pending);
        }
    }
}
