namespace Sessions.Grains;

/// <summary>
/// This silo's copy of the deployment's end-all cut-off (<see cref="IDeploymentEpochGrain"/>): sessions created before
/// it are over. Pushed by the epoch grain to every active silo and re-read every <c>Auth:EpochRefreshInterval</c>.
/// </summary>
public sealed class SessionEpoch
{
    private long _cutoffTicks = DateTimeOffset.MinValue.UtcTicks;

    public DateTimeOffset Cutoff => new(Interlocked.Read(ref _cutoffTicks), TimeSpan.Zero);

    /// <summary>Moves the cut-off forward; an older value (a late refresh) changes nothing.</summary>
    public void Advance(DateTimeOffset cutoff)
    {
        var ticks = cutoff.UtcTicks;
        var current = Interlocked.Read(ref _cutoffTicks);
        while (ticks > current)
        {
            var seen = Interlocked.CompareExchange(ref _cutoffTicks, ticks, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    // At or before: a session created in the very tick of an end-all is ended too.
    public bool Ended(DateTimeOffset createdAt) => Cutoff is var cutoff && cutoff != DateTimeOffset.MinValue && createdAt <= cutoff;
}
