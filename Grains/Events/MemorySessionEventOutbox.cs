namespace Sessions.Grains;

/// <summary><see cref="ISessionEventOutbox"/> over <see cref="IMemorySessionEventLogGrain"/>.</summary>
public sealed class MemorySessionEventOutbox(IGrainFactory grains) : ISessionEventOutbox
{
    private IMemorySessionEventLogGrain Log => grains.GetGrain<IMemorySessionEventLogGrain>(0);

    public async Task<IReadOnlyList<SessionLifecycleEvent>> ReadOldestAsync(int max, CancellationToken cancellationToken) =>
        await Log.ReadOldestAsync(max);

    public async Task DeleteAsync(IReadOnlyList<long> sequences, CancellationToken cancellationToken) =>
        await Log.DeleteAsync(sequences);
}
