namespace Sessions.Grains.Interfaces;

/// <summary>
/// One request of a visit the frontend reports to its session: a page view (a GET of a page answered 200 with HTML) or
/// an interaction (a form posted to a page).
/// </summary>
/// <param name="Path">The page's path, lower case, at most <see cref="MaxPathLength"/> characters.</param>
[GenerateSerializer, Immutable, Alias("sessions.SessionVisit")]
public sealed record SessionVisit([property: Id(0)] string Path, [property: Id(1)] bool IsPageView)
{
    public const int MaxPathLength = 100;
}
