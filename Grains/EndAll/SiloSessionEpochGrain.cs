namespace Sessions.Grains;

/// <summary>Moves its silo's <see cref="SessionEpoch"/> forward; placed on that silo by the caller's placement hint.</summary>
public sealed class SiloSessionEpochGrain(SessionEpoch epoch, ILocalSiloDetails silo) : Grain, ISiloSessionEpochGrain
{
    public ValueTask<bool> AdvanceAsync(long generation, CancellationToken cancellationToken = default)
    {
        if (this.GetPrimaryKeyString() != silo.SiloAddress.ToParsableString())
        {
            // The hint is ignored for a silo that is not active: this is another silo, which must not confirm for it.
            this.DeactivateOnIdle();
            return ValueTask.FromResult(false);
        }

        epoch.Observe(generation);
        return ValueTask.FromResult(true);
    }

    public ValueTask AdvanceAsync(DateTimeOffset cutoff)
    {
        epoch.Advance(cutoff);
        return ValueTask.CompletedTask;
    }
}
