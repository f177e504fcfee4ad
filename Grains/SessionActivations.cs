namespace Sessions.Grains;

/// <summary>
/// This silo's session activations, as an intrusive doubly linked list through the grains themselves (two references
/// each, no node objects), so that a graceful shutdown can move every one of them to the remaining silos.
/// </summary>
public sealed class SessionActivations
{
    private readonly Lock _lock = new();
    private SessionGrain? _first;
    private int _count;
    private TaskCompletionSource? _empty;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    internal void Add(SessionGrain grain)
    {
        lock (_lock)
        {
            grain.NextActive = _first;
            if (_first is not null)
            {
                _first.PreviousActive = grain;
            }

            _first = grain;
            _count++;
        }
    }

    internal void Remove(SessionGrain grain)
    {
        lock (_lock)
        {
            if (grain.PreviousActive is null && _first != grain)
            {
                return; // not in the list (removed already)
            }

            if (grain.PreviousActive is { } previous)
            {
                previous.NextActive = grain.NextActive;
            }
            else
            {
                _first = grain.NextActive;
            }

            if (grain.NextActive is { } next)
            {
                next.PreviousActive = grain.PreviousActive;
            }

            grain.PreviousActive = grain.NextActive = null;
            if (--_count == 0)
            {
                _empty?.TrySetResult();
                _empty = null; // a later wait, with activations again, waits for them
            }
        }
    }

    /// <summary>The activations now, to act on outside the lock.</summary>
    internal List<SessionGrain> Snapshot()
    {
        lock (_lock)
        {
            var all = new List<SessionGrain>(_count);
            for (var grain = _first; grain is not null; grain = grain.NextActive)
            {
                all.Add(grain);
            }

            return all;
        }
    }

    /// <summary>Completes when no session activation is left on this silo.</summary>
    public Task WhenEmptyAsync()
    {
        lock (_lock)
        {
            if (_count == 0)
            {
                return Task.CompletedTask;
            }

            _empty ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _empty.Task;
        }
    }
}
