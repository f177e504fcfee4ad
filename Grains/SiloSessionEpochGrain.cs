namespace Sessions.Grains;

/// <summary>Moves its silo's <see cref="SessionEpoch"/> forward; placed on that silo by the caller's placement hint.</summary>
public sealed class SiloSessionEpochGrain(SessionEpoch epoch) : Grain, ISiloSessionEpochGrain
{
    public ValueTask AdvanceAsync(DateTimeOffset cutoff)
    {
        epoch.Advance(cutoff);
        return ValueTask.CompletedTask;
    }
}
