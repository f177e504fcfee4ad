namespace Sessions.Grains;

/// <summary>Memory mode's outbox: events in order, numbered as they come.</summary>
public sealed class MemorySessionEventLogGrain : Grain, IMemorySessionEventLogGrain
{
    private readonly SortedDictionary<long, SessionLifecycleEvent> _events = [];
    private long _next;

    public ValueTask AppendAsync(SessionLifecycleEvent lifecycleEvent)
    {
        var sequence = ++_next;
        _events.Add(sequence, lifecycleEvent with { Sequence = sequence });
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<SessionLifecycleEvent>> ReadOldestAsync(int max) =>
        ValueTask.FromResult<IReadOnlyList<SessionLifecycleEvent>>([.. _events.Values.Take(max)]);

    public ValueTask DeleteAsync(IReadOnlyList<long> sequences)
    {
        foreach (var sequence in sequences)
        {
            _events.Remove(sequence);
        }

        return ValueTask.CompletedTask;
    }
}
