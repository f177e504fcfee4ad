using Microsoft.Extensions.Time.Testing;

namespace Sessions.Tests.Fixtures;

/// <summary>
/// The fake lease clock of the lease tests: a <see cref="FakeTimeProvider"/> that also signals each timer made on it
/// (a grain waiting out a lease, the end-all's wait), so a test advances it once the wait it means to end has begun.
/// </summary>
public sealed class LeaseClock : FakeTimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<(TimeSpan AtLeast, TaskCompletionSource Made)> _waiters = [];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_lock)
        {
            foreach (var waiter in _waiters.Where(w => dueTime >= w.AtLeast && period == Timeout.InfiniteTimeSpan).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Made.TrySetResult();
            }
        }

        return timer;
    }

    /// <summary>Completes when a one-shot timer (a delay, a timeout) due in at least <paramref name="atLeast"/> is made.</summary>
    public Task OneShotTimerMade(TimeSpan atLeast)
    {
        var made = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((atLeast, made));
        }

        return made.Task;
    }

    /// <summary>Advances by <paramref name="total"/> in steps shorter than the frontend's pause watchdog allows, so no step looks like a paused process.</summary>
    public void AdvanceInSteps(TimeSpan total)
    {
        var step = TimeSpan.FromMilliseconds(100);
        for (var done = TimeSpan.Zero; done < total; done += step)
        {
            Advance(step);
        }
    }
}
