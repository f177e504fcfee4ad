namespace Sessions.Grains;

/// <summary>The event outbox of memory mode (one grain, key 0): as durable as the memory storage it sits beside.</summary>
[Alias("sessions.IMemorySessionEventLogGrain")]
public interface IMemorySessionEventLogGrain : IGrainWithIntegerKey
{
    [Alias("Append")]
    ValueTask AppendAsync(SessionLifecycleEvent lifecycleEvent);

    [Alias("ReadOldest")]
    ValueTask<IReadOnlyList<SessionLifecycleEvent>> ReadOldestAsync(int max);

    [Alias("Delete")]
    ValueTask DeleteAsync(IReadOnlyList<long> sequences);
}
