namespace Sessions.Grains;

/// <summary>Drains its silo's <see cref="SiloPageViews"/>; placed on that silo by the caller's placement hint.</summary>
public sealed class SiloPageViewsGrain(SiloPageViews views) : Grain, ISiloPageViewsGrain
{
    public ValueTask<Dictionary<string, long>> DrainAsync() => ValueTask.FromResult(views.Drain());
}
