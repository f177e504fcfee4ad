namespace Sessions.Grains.Interfaces;

/// <summary>
/// Delivers the event outbox to the subscribers (one grain, key 0): polls every <c>Events:PollInterval</c>, deletes
/// what every subscriber took. A reminder brings it back on another silo when its silo goes.
/// </summary>
[Alias("sessions.ISessionEventDispatcherGrain")]
public interface ISessionEventDispatcherGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure the dispatcher runs (called by every silo at start).</summary>
    [Alias("Start")]
    ValueTask StartAsync(CancellationToken cancellationToken = default);

    /// <summary>Delivers what the outbox holds now; returns how many events went out.</summary>
    [Alias("DispatchNow")]
    ValueTask<int> DispatchNowAsync(CancellationToken cancellationToken = default);
}
