namespace Sessions.Grains;

/// <summary>
/// One per silo (the key is the silo's address, and calls carry it as placement hint): hands over that silo's
/// pre-aggregated page views (<see cref="SiloPageViews"/>).
/// </summary>
[Alias("sessions.ISiloPageViewsGrain")]
public interface ISiloPageViewsGrain : IGrainWithStringKey
{
    [Alias("Drain")]
    ValueTask<Dictionary<string, long>> DrainAsync();
}
