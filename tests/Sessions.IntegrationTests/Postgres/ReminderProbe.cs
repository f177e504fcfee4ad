using System.Collections.Concurrent;

namespace Sessions.Tests.Postgres;

/// <summary>Lets a test await the first tick of a reminder (a silo singleton shared with <see cref="ReminderProbeGrain"/>).</summary>
public sealed class ReminderProbe
{
    private readonly ConcurrentDictionary<(string Grain, string Reminder), TaskCompletionSource> _ticks = new();

    public Task FirstTickAsync(string grain, string reminder) => Signal(grain, reminder).Task;

    public void Fired(string grain, string reminder) => Signal(grain, reminder).TrySetResult();

    private TaskCompletionSource Signal(string grain, string reminder) =>
        _ticks.GetOrAdd((grain, reminder), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
