namespace Sessions.Grains.Interfaces;

/// <summary>
/// One per silo (the key is the silo's address, and calls carry it as placement hint): hands the end-all generation
/// to that silo's sessions.
/// </summary>
[Alias("sessions.ISiloSessionEpochGrain")]
public interface ISiloSessionEpochGrain : IGrainWithStringKey
{
    /// <summary>
    /// True once the silo this grain's key names holds <paramref name="generation"/> (or a later one); false when
    /// this activation runs elsewhere (its silo left, and placement fell back to another), which confirms nothing.
    /// </summary>
    [Alias("AdvanceGeneration")]
    ValueTask<bool> AdvanceAsync(long generation, CancellationToken cancellationToken = default);

    /// <summary>The previous release's push of a wall-clock cut-off, from a deployment grain of that release.</summary>
    [Alias("Advance")]
    ValueTask AdvanceAsync(DateTimeOffset cutoff);
}
