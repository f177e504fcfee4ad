namespace Sessions.WebFrontend.Session;

/// <summary>
/// The one place in the frontend that maps a session id to its grain: every grain call of a request goes through
/// <see cref="For"/>. The grain is keyed by a keyed hash of the id (<see cref="SessionGrainKeys"/>), never the id.
/// </summary>
public sealed class SessionGrains(IGrainFactory grains, SessionGrainKeys keys)
{
    public ISessionGrain For(string sessionId) => grains.GetGrain<ISessionGrain>(keys.For(sessionId));
}
