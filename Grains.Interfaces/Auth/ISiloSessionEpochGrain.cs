namespace Sessions.Grains.Interfaces;

/// <summary>
/// One per silo (the key is the silo's address, and calls carry it as placement hint): hands the end-all cut-off to
/// that silo's sessions.
/// </summary>
[Alias("sessions.ISiloSessionEpochGrain")]
public interface ISiloSessionEpochGrain : IGrainWithStringKey
{
    [Alias("Advance")]
    ValueTask AdvanceAsync(DateTimeOffset cutoff);
}
