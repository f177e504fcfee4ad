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
    private HashSet<SessionGrain>? _departing;
    private TaskCompletionSource? _departed;

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
            _count--;
            if (_departing is not null && _departing.Remove(grain) && _departing.Count == 0)
            {
                _departed!.TrySetResult();
                (_departing, _departed) = (null, null);
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

    /// <summary>How many of <paramref name="grains"/> are still on this silo.</summary>
    internal int CountPresent(IEnumerable<SessionGrain> grains)
    {
        lock (_lock)
        {
            return grains.Count(IsPresent);
        }
    }

    private bool IsPresent(SessionGrain grain) => grain.PreviousActive is not null || _first == grain;

    /// <summary>
    /// Completes when every one of <paramref name="grains"/> has left this silo (activations that arrive meanwhile, say
    /// migrated in by the rebalancer, are not waited for: Orleans deactivates them with the rest).
    /// </summary>
    internal Task WhenDepartedAsync(IEnumerable<SessionGrain> grains)
    {
        lock (_lock)
        {
            var departing = grains.Where(IsPresent).ToHashSet();
            if (departing.Count == 0)
            {
                return Task.CompletedTask;
            }

            (_departing, _departed) = (departing, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            return _departed.Task;
        }
    }
}
