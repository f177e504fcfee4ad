namespace Sessions.WebFrontend.Session;

/// <summary>
/// The one place in the frontend that maps a session id to its grain: every grain call of a request goes through
/// <see cref="For"/>.
/// </summary>
public sealed class SessionGrains(IGrainFactory grains)
{
    public ISessionGrain For(string sessionId) => grains.GetGrain<ISessionGrain>(sessionId);
}
