namespace Sessions.Grains;

/// <summary>
/// One per silo (the key is the silo's address, and calls carry it as placement hint): how many session activations
/// that silo holds (its <see cref="SessionAdmission"/> count).
/// </summary>
[Alias("sessions.ISiloSessionCountGrain")]
public interface ISiloSessionCountGrain : IGrainWithStringKey
{
    [Alias("Count")]
    ValueTask<long> CountAsync();
}
